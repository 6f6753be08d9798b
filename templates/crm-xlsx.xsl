<?xml version="1.0" encoding="UTF-8"?>
<!--
  crm-xlsx.xsl - the customer responsibility matrix and the findings as an Excel workbook.

  Sheets: Summary (the engagement, the frameworks' scores, the totals and the responsibility
  matrix by layer); one sheet per framework in scope (HIPAA, SOC 2, FedRAMP), a row per catalog
  control that the framework's requirements roll up, with who owns its layer under each service
  model, who owns it in this estate, its customer-side status and check counts, and its citations
  of that framework; and Findings, a row per finding.  The result is srmap's workbook vocabulary
  (docs/xlsx.md), which srmap checks and writes as crm.xlsx: what a sheet holds is decided here,
  how a named style looks and the column widths left open are decided by srmap.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:srmap="urn:srmap:xslt" exclude-result-prefixes="srmap">

  <!-- The parts of the assessment this template reads; a copy that reads more must name them
       too (or drop this line to be given everything). -->
  <srmap:reads parts="profile summary matrix control workload organisation finding framework"/>

  <xsl:output method="xml" encoding="UTF-8"/>

  <xsl:variable name="a" select="/assessment"/>
  <!-- selected once: a step from /assessment visits every workload and finding -->
  <xsl:variable name="controls" select="$a/control"/>
  <xsl:variable name="rows" select="$a/matrix/row"/>
  <xsl:variable name="frameworks" select="$a/framework"/>
  <xsl:variable name="models" select="$rows[1]/cell/@model"/>

  <xsl:key name="control" match="/assessment/control" use="@id"/>
  <xsl:key name="domain" match="/assessment/domain" use="@id"/>
  <xsl:key name="layer" match="/assessment/matrix/row" use="@layer"/>
  <xsl:key name="workload" match="/assessment/workload" use="@id"/>
  <xsl:key name="owner" match="/assessment/workload/check | /assessment/organisation/check"
      use="concat(@control, ' ', @owner)"/>

  <!-- The sheet of a framework, by its id. -->
  <xsl:template name="sheet-name">
    <xsl:param name="id"/>
    <xsl:choose>
      <xsl:when test="$id = 'hipaa'">HIPAA</xsl:when>
      <xsl:when test="$id = 'soc2'">SOC 2</xsl:when>
      <xsl:when test="$id = 'fedramp'">FedRAMP</xsl:when>
      <xsl:otherwise><xsl:value-of select="$id"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="model-title">
    <xsl:param name="model"/>
    <xsl:choose>
      <xsl:when test="$model = 'iaas'">IaaS</xsl:when>
      <xsl:when test="$model = 'paas'">PaaS</xsl:when>
      <xsl:when test="$model = 'saas'">SaaS</xsl:when>
      <xsl:when test="$model = 'onprem'">On-premises</xsl:when>
      <xsl:otherwise><xsl:value-of select="$model"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- An owner's cell: its text, and the colour of the owner (colour is never the only sign). -->
  <xsl:template name="owner">
    <xsl:param name="owner"/>
    <cell style="owner-{$owner}"><xsl:value-of select="$owner"/></cell>
  </xsl:template>

  <!-- A key and its value, on the summary sheet. -->
  <xsl:template name="pair">
    <xsl:param name="key"/>
    <xsl:param name="value"/>
    <xsl:param name="type" select="'string'"/>
    <row><cell style="bold"><xsl:value-of select="$key"/></cell>
      <cell type="{$type}"><xsl:value-of select="$value"/></cell></row>
  </xsl:template>

  <xsl:template match="/">
    <workbook created="{$a/@generated}" author="{$a/profile/@assessor}"
        title="Customer responsibility matrix and findings: {$a/profile/@client}"
        subject="Shared-responsibility assessment as of {$a/@as-of}"
        comments="srmap {$a/@tool-version}, catalog {$a/@catalog-version}">
      <xsl:if test="string($a/profile/@marking)">
        <xsl:attribute name="category"><xsl:value-of select="$a/profile/@marking"/></xsl:attribute>
      </xsl:if>
      <xsl:if test="$frameworks">
        <xsl:attribute name="keywords">
          <xsl:for-each select="$frameworks">
            <xsl:if test="position() > 1">, </xsl:if>
            <xsl:call-template name="sheet-name"><xsl:with-param name="id" select="@id"/></xsl:call-template>
          </xsl:for-each>
        </xsl:attribute>
      </xsl:if>
      <xsl:call-template name="summary"/>
      <xsl:apply-templates select="$frameworks"/>
      <xsl:call-template name="findings"/>
    </workbook>
  </xsl:template>

  <!-- ==== Summary ======================================================================== -->

  <xsl:template name="summary">
    <xsl:variable name="s" select="$a/summary"/>
    <sheet name="Summary">
      <row><cell style="title">Customer responsibility matrix and findings</cell></row>
      <row/>
      <xsl:call-template name="pair"><xsl:with-param name="key" select="'Client'"/>
        <xsl:with-param name="value" select="$a/profile/@client"/></xsl:call-template>
      <xsl:call-template name="pair"><xsl:with-param name="key" select="'Assessor'"/>
        <xsl:with-param name="value" select="$a/profile/@assessor"/></xsl:call-template>
      <xsl:if test="string($a/profile/@marking)">
        <xsl:call-template name="pair"><xsl:with-param name="key" select="'Marking'"/>
          <xsl:with-param name="value" select="$a/profile/@marking"/></xsl:call-template>
      </xsl:if>
      <xsl:call-template name="pair"><xsl:with-param name="key" select="'As of'"/>
        <xsl:with-param name="value" select="$a/@as-of"/></xsl:call-template>
      <xsl:call-template name="pair"><xsl:with-param name="key" select="'Generated'"/>
        <xsl:with-param name="value" select="$a/@generated"/></xsl:call-template>
      <xsl:call-template name="pair"><xsl:with-param name="key" select="'srmap version'"/>
        <xsl:with-param name="value" select="$a/@tool-version"/></xsl:call-template>
      <xsl:call-template name="pair"><xsl:with-param name="key" select="'Catalog version'"/>
        <xsl:with-param name="value" select="$a/@catalog-version"/></xsl:call-template>
      <row/>
      <xsl:call-template name="pair"><xsl:with-param name="key" select="'Workloads'"/>
        <xsl:with-param name="value" select="$s/@workloads"/>
        <xsl:with-param name="type" select="'number'"/></xsl:call-template>
      <xsl:call-template name="pair"><xsl:with-param name="key" select="'Checks'"/>
        <xsl:with-param name="value" select="$s/@checks"/>
        <xsl:with-param name="type" select="'number'"/></xsl:call-template>
      <xsl:if test="$s/@overall-score">
        <row><cell style="bold">Overall score (%)</cell>
          <cell type="number" style="decimal"><xsl:value-of select="$s/@overall-score"/></cell></row>
      </xsl:if>
      <xsl:call-template name="pair"><xsl:with-param name="key" select="'Findings'"/>
        <xsl:with-param name="value" select="$s/@findings"/>
        <xsl:with-param name="type" select="'number'"/></xsl:call-template>
      <xsl:for-each select="$s/severity-count">
        <xsl:call-template name="pair">
          <xsl:with-param name="key" select="concat('Findings ', @severity)"/>
          <xsl:with-param name="value" select="@count"/>
          <xsl:with-param name="type" select="'number'"/></xsl:call-template>
      </xsl:for-each>
      <xsl:if test="$frameworks">
        <row/>
        <row>
          <cell style="header">Framework</cell><cell style="header">Score (%)</cell>
          <cell style="header">Coverage (%)</cell><cell style="header">Requirements</cell>
          <cell style="header">Met</cell><cell style="header">Partially met</cell>
          <cell style="header">Not met</cell><cell style="header">Inherited</cell>
          <cell style="header">Not applicable</cell><cell style="header">Not assessed</cell>
        </row>
        <xsl:for-each select="$frameworks">
          <row>
            <cell>
              <xsl:value-of select="@title"/>
              <xsl:if test="@baseline"> (<xsl:value-of select="@baseline"/> baseline)</xsl:if>
            </cell>
            <xsl:choose>
              <xsl:when test="@score"><cell type="number" style="decimal"><xsl:value-of select="@score"/></cell></xsl:when>
              <xsl:otherwise><cell>not assessed</cell></xsl:otherwise>
            </xsl:choose>
            <cell type="number" style="decimal"><xsl:value-of select="@coverage"/></cell>
            <cell type="number"><xsl:value-of select="@requirements"/></cell>
            <cell type="number"><xsl:value-of select="@met"/></cell>
            <cell type="number"><xsl:value-of select="@partially-met"/></cell>
            <cell type="number"><xsl:value-of select="@not-met"/></cell>
            <cell type="number"><xsl:value-of select="@inherited"/></cell>
            <cell type="number"><xsl:value-of select="@not-applicable"/></cell>
            <cell type="number"><xsl:value-of select="@not-assessed"/></cell>
          </row>
        </xsl:for-each>
      </xsl:if>
      <row/>
      <row>
        <cell style="header">Layer</cell>
        <xsl:for-each select="$models">
          <cell style="header">
            <xsl:call-template name="model-title"><xsl:with-param name="model" select="."/></xsl:call-template>
          </cell>
        </xsl:for-each>
        <cell style="header">Source</cell>
      </row>
      <xsl:for-each select="$rows">
        <row>
          <cell><xsl:value-of select="@title"/></cell>
          <xsl:for-each select="cell">
            <xsl:call-template name="owner"><xsl:with-param name="owner" select="@owner"/></xsl:call-template>
          </xsl:for-each>
          <cell style="wrap"><xsl:value-of select="source"/></cell>
        </row>
      </xsl:for-each>
    </sheet>
  </xsl:template>

  <!-- ==== a sheet per framework ============================================================ -->

  <!-- The customer-side status of a control from its checks, by the rule that rolls checks up
       to a requirement (docs/assessment-xml.md, "Requirement status"). -->
  <xsl:template name="control-status">
    <xsl:variable name="good" select="@satisfied + @inherited"/>
    <xsl:variable name="bad" select="@failed + @missing + @stale"/>
    <xsl:choose>
      <xsl:when test="$bad > 0 and $good > 0"><cell style="warn">partially-met</cell></xsl:when>
      <xsl:when test="$bad > 0"><cell style="bad">not-met</cell></xsl:when>
      <xsl:when test="@satisfied > 0"><cell style="good">met</cell></xsl:when>
      <xsl:when test="@inherited > 0"><cell style="good">inherited</cell></xsl:when>
      <xsl:when test="@not-applicable > 0"><cell>not-applicable</cell></xsl:when>
      <xsl:otherwise><cell>not-assessed</cell></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="framework">
    <xsl:variable name="fw" select="."/>
    <xsl:variable name="refs" select="requirement/control-ref/@id"/>
    <sheet freeze-rows="1" autofilter="yes">
      <xsl:attribute name="name">
        <xsl:call-template name="sheet-name"><xsl:with-param name="id" select="@id"/></xsl:call-template>
      </xsl:attribute>
      <!-- the long texts wrap in narrower columns than their longest line; srmap sizes the rest -->
      <columns>
        <column/><column/><column/><column/><column/><column/><column/><column/><column/>
        <column width="40"/><column/><column/><column/><column/><column/><column/><column/>
        <column width="30"/><column width="60"/><column width="60"/>
      </columns>
      <row>
        <cell style="header">Control</cell><cell style="header">Title</cell>
        <cell style="header">Domain</cell><cell style="header">Layer</cell>
        <xsl:for-each select="$models">
          <cell style="header">
            <xsl:call-template name="model-title"><xsl:with-param name="model" select="."/></xsl:call-template>
          </cell>
        </xsl:for-each>
        <cell style="header">Owner in this estate</cell><cell style="header">Applies to</cell>
        <cell style="header">Status</cell><cell style="header">Satisfied</cell>
        <cell style="header">Failed</cell><cell style="header">Missing</cell>
        <cell style="header">Stale</cell><cell style="header">Not applicable</cell>
        <cell style="header">Inherited</cell>
        <cell style="header">
          <xsl:choose>
            <xsl:when test="@id = 'hipaa'">HIPAA citations</xsl:when>
            <xsl:when test="@id = 'soc2'">SOC 2 criteria</xsl:when>
            <xsl:when test="@id = 'fedramp'">NIST SP 800-53 (FedRAMP <xsl:value-of select="@baseline"/>)</xsl:when>
            <xsl:otherwise>Citations</xsl:otherwise>
          </xsl:choose>
        </cell>
        <cell style="header">Requirement</cell><cell style="header">Customer action</cell>
      </row>
      <!-- the catalog controls this framework's requirements roll up, in catalog order -->
      <xsl:for-each select="$controls[@id = $refs]">
        <xsl:variable name="id" select="@id"/>
        <row>
          <cell><xsl:value-of select="@id"/></cell>
          <cell><xsl:value-of select="title"/></cell>
          <cell><xsl:value-of select="key('domain', @domain)/@title"/></cell>
          <cell><xsl:value-of select="key('layer', @layer)/@title"/></cell>
          <xsl:for-each select="key('layer', @layer)/cell">
            <xsl:call-template name="owner"><xsl:with-param name="owner" select="@owner"/></xsl:call-template>
          </xsl:for-each>
          <!-- who owns its checks here: one owner coloured as such, several listed -->
          <xsl:variable name="here">
            <xsl:for-each select="key('owner', concat($id, ' provider'))[1] | key('owner', concat($id, ' customer'))[1]
                                  | key('owner', concat($id, ' shared'))[1]">
              <xsl:sort select="string-length(substring-before('provider customer shared', @owner))" data-type="number"/>
              <xsl:if test="position() > 1">; </xsl:if>
              <xsl:value-of select="@owner"/>
            </xsl:for-each>
          </xsl:variable>
          <xsl:choose>
            <xsl:when test="$here = 'provider' or $here = 'customer' or $here = 'shared'">
              <xsl:call-template name="owner"><xsl:with-param name="owner" select="$here"/></xsl:call-template>
            </xsl:when>
            <xsl:otherwise><cell><xsl:value-of select="$here"/></cell></xsl:otherwise>
          </xsl:choose>
          <cell style="wrap">
            <xsl:for-each select="applies-to/@model | applies-to/@type">
              <xsl:if test="position() > 1">; </xsl:if>
              <xsl:value-of select="."/>
            </xsl:for-each>
          </cell>
          <xsl:call-template name="control-status"/>
          <cell type="number"><xsl:value-of select="@satisfied"/></cell>
          <cell type="number"><xsl:value-of select="@failed"/></cell>
          <cell type="number"><xsl:value-of select="@missing"/></cell>
          <cell type="number"><xsl:value-of select="@stale"/></cell>
          <cell type="number"><xsl:value-of select="@not-applicable"/></cell>
          <cell type="number"><xsl:value-of select="@inherited"/></cell>
          <cell style="wrap">
            <xsl:for-each select="$fw/requirement[control-ref/@id = $id]">
              <xsl:if test="position() > 1">; </xsl:if>
              <xsl:value-of select="@id"/>
            </xsl:for-each>
          </cell>
          <cell style="wrap"><xsl:value-of select="description"/></cell>
          <cell style="wrap"><xsl:value-of select="remediation"/></cell>
        </row>
      </xsl:for-each>
    </sheet>
  </xsl:template>

  <!-- ==== Findings ======================================================================== -->

  <xsl:template name="findings">
    <sheet name="Findings" freeze-rows="1" autofilter="yes">
      <columns>
        <column/><column/><column/><column/><column/><column/><column/><column/><column/>
        <column/><column/><column width="60"/>
      </columns>
      <row>
        <cell style="header">ID</cell><cell style="header">Severity</cell>
        <cell style="header">Status</cell><cell style="header">Owner</cell>
        <cell style="header">Workload</cell><cell style="header">Workload ID</cell>
        <cell style="header">Subscription</cell><cell style="header">Tenant</cell>
        <cell style="header">Control</cell><cell style="header">Title</cell>
        <cell style="header">Domain</cell><cell style="header">Remediation</cell>
        <cell style="header">Evidence</cell>
      </row>
      <xsl:for-each select="$a/finding">
        <xsl:variable name="c" select="key('control', @control)"/>
        <xsl:variable name="w" select="key('workload', @workload)"/>
        <row>
          <cell><xsl:value-of select="@id"/></cell>
          <xsl:choose>
            <xsl:when test="@severity = 'critical' or @severity = 'high'">
              <cell style="bad"><xsl:value-of select="@severity"/></cell>
            </xsl:when>
            <xsl:when test="@severity = 'medium'"><cell style="warn"><xsl:value-of select="@severity"/></cell></xsl:when>
            <xsl:otherwise><cell><xsl:value-of select="@severity"/></cell></xsl:otherwise>
          </xsl:choose>
          <cell><xsl:value-of select="@status"/></cell>
          <xsl:choose>
            <xsl:when test="@owner">
              <xsl:call-template name="owner"><xsl:with-param name="owner" select="@owner"/></xsl:call-template>
            </xsl:when>
            <xsl:otherwise><cell/></xsl:otherwise>
          </xsl:choose>
          <cell><xsl:value-of select="$w/@name"/></cell>
          <cell><xsl:value-of select="@workload"/></cell>
          <cell><xsl:value-of select="$w/@subscription"/></cell>
          <cell><xsl:value-of select="$w/@tenant | @tenant"/></cell>
          <cell><xsl:value-of select="@control"/></cell>
          <cell><xsl:value-of select="title | $c[not(current()/title)]/title"/></cell>
          <cell><xsl:value-of select="key('domain', $c/@domain)/@title"/></cell>
          <cell style="wrap"><xsl:value-of select="remediation | $c[not(current()/remediation)]/remediation"/></cell>
          <cell><xsl:value-of select="@evidence"/></cell>
        </row>
      </xsl:for-each>
    </sheet>
  </xsl:template>

</xsl:stylesheet>
