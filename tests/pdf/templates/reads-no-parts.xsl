<?xml version="1.0" encoding="UTF-8"?>
<!-- Declares srmap:reads without naming a part: refused (exit 5) at the declaration's line. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:srmap="urn:srmap:xslt" exclude-result-prefixes="srmap">
  <srmap:reads parts=" "/>
  <xsl:template match="/">
    <document title="reads"><p>never laid out</p></document>
  </xsl:template>
</xsl:stylesheet>
