<?xml version="1.0" encoding="UTF-8"?>
<!-- An XSLT 1.1 template that tries to write a file with xsl:document, which libxslt supports:
     srmap's security preferences must refuse it (exit 5, no file written). -->
<xsl:stylesheet version="1.1" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:param name="target" select="'written-by-template.txt'"/>
  <xsl:template match="/">
    <xsl:document href="{$target}" method="text">stolen: <xsl:value-of select="/assessment/profile/@client"/></xsl:document>
    <document title="x"><p>hello</p></document>
  </xsl:template>
</xsl:stylesheet>
