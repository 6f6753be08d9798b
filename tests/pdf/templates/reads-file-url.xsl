<?xml version="1.0" encoding="UTF-8"?>
<!-- A template that tries to read file:///etc/hostname with document(): srmap must refuse it (exit 5,
     naming the template); templates may read only their own folder and the shipped templates. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/">
    <document title="x"><p>got: <xsl:value-of select="document('file:///etc/hostname')"/></p></document>
  </xsl:template>
</xsl:stylesheet>
