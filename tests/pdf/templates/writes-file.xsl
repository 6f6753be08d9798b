<?xml version="1.0" encoding="UTF-8"?>
<!-- A template that tries to write a file with exsl:document: srmap must refuse it (exit 5, no
     file written).  srmap does not register the EXSLT elements, so libxslt refuses the unknown
     extension element; were they registered, the security preferences would refuse the write. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">
  <xsl:param name="target" select="'written-by-template.txt'"/>
  <xsl:template match="/">
    <exsl:document href="{$target}" method="text">stolen: <xsl:value-of select="/assessment/profile/@client"/></exsl:document>
    <document title="x"><p>hello</p></document>
  </xsl:template>
</xsl:stylesheet>
