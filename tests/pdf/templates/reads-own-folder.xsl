<?xml version="1.0" encoding="UTF-8"?>
<!-- A template that reads a file of its own folder with document(): allowed. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/">
    <document title="x"><p>Own folder: <xsl:value-of select="document('reads-profile.xsl')/*/@version"/></p></document>
  </xsl:template>
</xsl:stylesheet>
