<?xml version="1.0" encoding="UTF-8"?>
<!-- Declares that it reads a part the assessment XML does not have: srmap must refuse it
     (exit 5) naming the template and the part. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:srmap="urn:srmap:xslt" exclude-result-prefixes="srmap">
  <srmap:reads parts="profile workloads"/>
  <xsl:template match="/">
    <document title="reads"><p>never laid out</p></document>
  </xsl:template>
</xsl:stylesheet>
