<?xml version="1.0" encoding="UTF-8"?>
<!-- A template that is not well-formed XML: the error must name this file and line 7. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/">
    <document title="broken">
      <p>an unclosed paragraph
    </document>
  </xsl:template>
</xsl:stylesheet>
