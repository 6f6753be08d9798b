<?xml version="1.0" encoding="UTF-8"?>
<!-- Well-formed XSLT whose result breaks the layout vocabulary (docs/layout.md): srmap must
     stop with exit 5 and an error naming this template and the offending element's line. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/">
    <document title="bad layout">
      <h1>Fine</h1>
      <table widths="50% 50%"><row><cell>1</cell><cell>2</cell><cell>3</cell></row></table>
    </document>
  </xsl:template>
</xsl:stylesheet>
