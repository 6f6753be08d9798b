<?xml version="1.0" encoding="UTF-8"?>
<!-- A one-page report from the profile alone, which it declares: given a document of the
     profile only, it still names the client, and the workloads are not there to count. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:srmap="urn:srmap:xslt" exclude-result-prefixes="srmap">
  <srmap:reads parts="profile"/>
  <xsl:template match="/">
    <document title="Cover">
      <h1>Prepared for <xsl:value-of select="/assessment/profile/@client"/></h1>
      <p><xsl:value-of select="concat('Workloads in the document given: ', count(/assessment/workload))"/></p>
    </document>
  </xsl:template>
</xsl:stylesheet>
