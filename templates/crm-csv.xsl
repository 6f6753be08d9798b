<?xml version="1.0" encoding="UTF-8"?>
<!--
  crm-csv.xsl - the customer responsibility matrix of crm.xsl as CSV, for spreadsheets.

  RFC 4180: a header row, CRLF after every record, fields holding a comma, a double quote, CR or
  LF are enclosed in double quotes with embedded double quotes doubled.  UTF-8, starting with a
  byte order mark so that spreadsheet programs read it as UTF-8.  docs/crm.md lists the columns.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:srmap="urn:srmap:xslt" exclude-result-prefixes="srmap">

  <!-- The parts of the assessment this template reads: srmap gives it a document of these alone,
       not the workloads, evidence and findings of a large estate.  A copy of this template that
       reads more must name those parts too (or drop this line to be given everything). -->
  <srmap:reads parts="profile matrix control framework"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:variable name="upper" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZ'"/>
  <xsl:variable name="lower" select="'abcdefghijklmnopqrstuvwxyz'"/>
  <xsl:variable name="crlf" select="'&#13;&#10;'"/>
  <xsl:variable name="q">"</xsl:variable>

  <xsl:variable name="a" select="/assessment"/>
  <!-- The small lists, selected once: a step from /assessment visits every workload and
       evidence record. -->
  <xsl:variable name="controls" select="/assessment/control"/>
  <xsl:variable name="rows" select="/assessment/matrix/row"/>
  <xsl:variable name="fedramp" select="$a/framework[@id = 'fedramp']"/>
  <xsl:variable name="models" select="$rows[1]/cell/@model"/>


  <!-- The same NIST ids as crm.xsl. -->
  <xsl:variable name="nist-ids"
      select="$fedramp/requirement[control-ref]/@id
              | $a[not(framework[@id = 'fedramp'])]/control/ref[@framework = 'nist-800-53']
                  [not(@id = ../preceding-sibling::control/ref[@framework = 'nist-800-53']/@id)]/@id"/>

  <!-- ==== CSV helpers =================================================================== -->

  <xsl:template name="double-quotes">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="contains($s, $q)">
        <xsl:value-of select="concat(substring-before($s, $q), $q, $q)"/>
        <xsl:call-template name="double-quotes">
          <xsl:with-param name="s" select="substring-after($s, $q)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- One field, followed by a comma unless it is the last of the record. -->
  <xsl:template name="field">
    <xsl:param name="v"/>
    <xsl:param name="last" select="false()"/>
    <xsl:choose>
      <xsl:when test="contains($v, ',') or contains($v, $q) or contains($v, '&#13;')
                      or contains($v, '&#10;')">
        <xsl:value-of select="$q"/>
        <xsl:call-template name="double-quotes">
          <xsl:with-param name="s" select="$v"/>
        </xsl:call-template>
        <xsl:value-of select="$q"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$v"/></xsl:otherwise>
    </xsl:choose>
    <xsl:choose>
      <xsl:when test="$last"><xsl:value-of select="$crlf"/></xsl:when>
      <xsl:otherwise>,</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="responsibility">
    <xsl:param name="owner"/>
    <xsl:choose>
      <xsl:when test="$owner = 'provider'">inherited</xsl:when>
      <xsl:otherwise><xsl:value-of select="$owner"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="framework-label">
    <xsl:param name="id"/>
    <xsl:choose>
      <xsl:when test="$id = 'hipaa'">HIPAA</xsl:when>
      <xsl:when test="$id = 'soc2'">SOC 2</xsl:when>
      <xsl:when test="$id = 'nist-800-53'">NIST SP 800-53</xsl:when>
      <xsl:when test="$id = 'mcsb'">MCSB</xsl:when>
      <xsl:otherwise><xsl:value-of select="$id"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ==== the table ======================================================================= -->

  <xsl:template match="/">
    <xsl:text>&#xFEFF;kind,id,title,layer,severity,iaas,paas,saas,onprem,applies-to,requirement,customer-action,references</xsl:text>
    <xsl:value-of select="$crlf"/>
    <xsl:apply-templates select="assessment/matrix/row"/>
    <xsl:apply-templates select="assessment/control"/>
    <xsl:for-each select="$nist-ids">
      <xsl:call-template name="nist-control"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="row">
    <xsl:text>layer,</xsl:text>
    <xsl:call-template name="field"><xsl:with-param name="v" select="@layer"/></xsl:call-template>
    <xsl:call-template name="field"><xsl:with-param name="v" select="@title"/></xsl:call-template>
    <xsl:text>,,</xsl:text>
    <xsl:for-each select="cell">
      <xsl:call-template name="responsibility">
        <xsl:with-param name="owner" select="@owner"/>
      </xsl:call-template>
      <xsl:text>,</xsl:text>
    </xsl:for-each>
    <xsl:text>,,,</xsl:text>
    <xsl:call-template name="field">
      <xsl:with-param name="v" select="source"/>
      <xsl:with-param name="last" select="true()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="control">
    <xsl:variable name="control" select="."/>
    <xsl:text>control,</xsl:text>
    <xsl:call-template name="field"><xsl:with-param name="v" select="@id"/></xsl:call-template>
    <xsl:call-template name="field"><xsl:with-param name="v" select="title"/></xsl:call-template>
    <xsl:call-template name="field"><xsl:with-param name="v" select="@layer"/></xsl:call-template>
    <xsl:call-template name="field"><xsl:with-param name="v" select="@severity"/></xsl:call-template>
    <xsl:for-each select="$rows[@layer = current()/@layer]/cell">
      <xsl:call-template name="responsibility">
        <xsl:with-param name="owner" select="@owner"/>
      </xsl:call-template>
      <xsl:text>,</xsl:text>
    </xsl:for-each>
    <xsl:call-template name="field">
      <xsl:with-param name="v">
        <xsl:for-each select="applies-to">
          <xsl:if test="position() > 1">; </xsl:if>
          <xsl:value-of select="@model | @type"/>
        </xsl:for-each>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="field"><xsl:with-param name="v" select="description"/></xsl:call-template>
    <xsl:call-template name="field"><xsl:with-param name="v" select="remediation"/></xsl:call-template>
    <xsl:call-template name="field">
      <xsl:with-param name="v">
        <xsl:for-each select="ref">
          <xsl:if test="position() > 1">; </xsl:if>
          <xsl:call-template name="framework-label">
            <xsl:with-param name="id" select="@framework"/>
          </xsl:call-template>
          <xsl:value-of select="concat(' ', @id)"/>
        </xsl:for-each>
      </xsl:with-param>
      <xsl:with-param name="last" select="true()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Context: the @id of a FedRAMP requirement or of a catalog control's NIST citation. -->
  <xsl:template name="nist-control">
    <xsl:variable name="id" select="string(.)"/>
    <xsl:variable name="citing" select="$controls[ref[@framework = 'nist-800-53'][@id = $id]]"/>
    <xsl:variable name="rows" select="$rows[@layer = $citing/@layer]"/>
    <xsl:text>nist-800-53,</xsl:text>
    <xsl:call-template name="field"><xsl:with-param name="v" select="$id"/></xsl:call-template>
    <xsl:call-template name="field">
      <xsl:with-param name="v" select="../self::requirement/title"/>
    </xsl:call-template>
    <!-- The layers of the citing controls, in matrix order. -->
    <xsl:call-template name="field">
      <xsl:with-param name="v">
        <xsl:for-each select="$rows">
          <xsl:if test="position() > 1">; </xsl:if>
          <xsl:value-of select="@layer"/>
        </xsl:for-each>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:text>,</xsl:text>
    <xsl:for-each select="$models">
      <xsl:variable name="owners" select="$rows/cell[@model = current()]/@owner"/>
      <xsl:choose>
        <xsl:when test="not($owners[. != 'provider'])">inherited</xsl:when>
        <xsl:when test="not($owners[. != 'customer'])">customer</xsl:when>
        <xsl:otherwise>shared</xsl:otherwise>
      </xsl:choose>
      <xsl:text>,</xsl:text>
    </xsl:for-each>
    <xsl:text>,,</xsl:text>
    <!-- What the customer must do: the remediation of each citing control, one a line. -->
    <xsl:call-template name="field">
      <xsl:with-param name="v">
        <xsl:for-each select="$citing">
          <xsl:if test="position() > 1"><xsl:text>&#10;</xsl:text></xsl:if>
          <xsl:value-of select="concat(@id, ': ', remediation)"/>
        </xsl:for-each>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="field">
      <xsl:with-param name="v">
        <xsl:for-each select="$citing">
          <xsl:if test="position() > 1">; </xsl:if>
          <xsl:value-of select="@id"/>
        </xsl:for-each>
      </xsl:with-param>
      <xsl:with-param name="last" select="true()"/>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
