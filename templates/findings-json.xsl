<?xml version="1.0" encoding="UTF-8"?>
<!--
  findings-json.xsl - the findings and the checks of an assessment as JSON, for pipelines.

  The result is the XML representation of JSON (XPath and XQuery Functions 3.1, fn:xml-to-json):
  srmap checks it and writes it as JSON text (findings.json).  docs/findings-json.md documents
  every field, docs/findings.schema.json is its JSON Schema; field names are stable: a change that
  removes or renames one raises "version".
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:j="http://www.w3.org/2005/xpath-functions"
    xmlns:srmap="urn:srmap:xslt" exclude-result-prefixes="srmap">

  <srmap:reads parts="profile summary control workload organisation finding framework drift"/>

  <xsl:output method="xml" encoding="UTF-8"/>

  <xsl:variable name="a" select="/assessment"/>
  <xsl:variable name="drift" select="$a/drift"/>
  <xsl:variable name="upper" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZ'"/>
  <xsl:variable name="lower" select="'abcdefghijklmnopqrstuvwxyz'"/>

  <xsl:key name="control" match="/assessment/control" use="@id"/>
  <xsl:key name="workload" match="/assessment/workload" use="@id"/>
  <!-- drift matches a finding by what it is about, never by its positional id; workload ids and
       tenants are compared without regard to letter case, as srmap diff compares them -->
  <xsl:key name="new" match="/assessment/drift/new-finding"
      use="concat(translate(@workload, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), '|',
                  translate(@tenant, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), '|',
                  @control, '|', @status)"/>
  <xsl:key name="changed" match="/assessment/drift/changed-finding"
      use="concat(translate(@workload, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), '|',
                  translate(@tenant, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), '|',
                  @control, '|', @status)"/>

  <!-- ==== JSON helpers ================================================================== -->

  <!-- A string member, or null when the value is absent (an empty node-set). -->
  <xsl:template name="str">
    <xsl:param name="key"/>
    <xsl:param name="v"/>
    <xsl:choose>
      <xsl:when test="$v"><j:string key="{$key}"><xsl:value-of select="$v"/></j:string></xsl:when>
      <xsl:otherwise><j:null key="{$key}"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A number member, or null when the value is absent. -->
  <xsl:template name="num">
    <xsl:param name="key"/>
    <xsl:param name="v"/>
    <xsl:choose>
      <xsl:when test="$v"><j:number key="{$key}"><xsl:value-of select="$v"/></j:number></xsl:when>
      <xsl:otherwise><j:null key="{$key}"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- An array of the space-separated words of s. -->
  <xsl:template name="words">
    <xsl:param name="s"/>
    <xsl:variable name="t" select="normalize-space($s)"/>
    <xsl:if test="$t">
      <xsl:choose>
        <xsl:when test="contains($t, ' ')">
          <j:string><xsl:value-of select="substring-before($t, ' ')"/></j:string>
          <xsl:call-template name="words">
            <xsl:with-param name="s" select="substring-after($t, ' ')"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise><j:string><xsl:value-of select="$t"/></j:string></xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <!-- The citations of a control, by framework: only the frameworks the run has in scope (NIST
       SP 800-53 for FedRAMP) and MCSB, each as the control cites them. -->
  <xsl:template name="citations">
    <xsl:param name="control"/>
    <j:map key="citations">
      <xsl:for-each select="$control/ref[not(@framework = preceding-sibling::ref/@framework)]">
        <xsl:variable name="fw" select="@framework"/>
        <j:array key="{$fw}">
          <xsl:for-each select="../ref[@framework = $fw]">
            <j:string><xsl:value-of select="@id"/></j:string>
          </xsl:for-each>
        </j:array>
      </xsl:for-each>
    </j:map>
  </xsl:template>

  <!-- What a finding is about: the workload (with its name and subscription) and the tenant,
       the organisation's for an organisation finding. -->
  <xsl:template name="subject">
    <xsl:param name="workload"/>
    <xsl:param name="tenant"/>
    <xsl:variable name="w" select="key('workload', $workload)"/>
    <xsl:call-template name="str"><xsl:with-param name="key" select="'workload'"/>
      <xsl:with-param name="v" select="$w/@id"/></xsl:call-template>
    <xsl:call-template name="str"><xsl:with-param name="key" select="'workload_name'"/>
      <xsl:with-param name="v" select="$w/@name"/></xsl:call-template>
    <xsl:call-template name="str"><xsl:with-param name="key" select="'subscription'"/>
      <xsl:with-param name="v" select="$w/@subscription"/></xsl:call-template>
    <xsl:call-template name="str"><xsl:with-param name="key" select="'tenant'"/>
      <xsl:with-param name="v" select="$w/@tenant | $tenant"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="control-fields">
    <xsl:param name="c"/>
    <xsl:call-template name="str"><xsl:with-param name="key" select="'control'"/>
      <xsl:with-param name="v" select="$c/@id"/></xsl:call-template>
    <xsl:call-template name="str"><xsl:with-param name="key" select="'domain'"/>
      <xsl:with-param name="v" select="$c/@domain"/></xsl:call-template>
  </xsl:template>

  <!-- ==== the document ================================================================== -->

  <xsl:template match="/">
    <j:map>
      <j:string key="format">srmap-findings</j:string>
      <j:number key="version">1</j:number>
      <j:string key="tool_version"><xsl:value-of select="$a/@tool-version"/></j:string>
      <j:string key="catalog_version"><xsl:value-of select="$a/@catalog-version"/></j:string>
      <j:string key="generated"><xsl:value-of select="$a/@generated"/></j:string>
      <j:string key="as_of"><xsl:value-of select="$a/@as-of"/></j:string>
      <xsl:call-template name="str"><xsl:with-param name="key" select="'client'"/>
        <xsl:with-param name="v" select="$a/profile/@client"/></xsl:call-template>
      <xsl:call-template name="str"><xsl:with-param name="key" select="'assessor'"/>
        <xsl:with-param name="v" select="$a/profile/@assessor"/></xsl:call-template>
      <j:array key="frameworks">
        <xsl:for-each select="$a/framework">
          <j:map>
            <j:string key="id"><xsl:value-of select="@id"/></j:string>
            <j:string key="title"><xsl:value-of select="@title"/></j:string>
            <xsl:call-template name="str"><xsl:with-param name="key" select="'baseline'"/>
              <xsl:with-param name="v" select="@baseline"/></xsl:call-template>
            <xsl:call-template name="num"><xsl:with-param name="key" select="'score'"/>
              <xsl:with-param name="v" select="@score"/></xsl:call-template>
            <j:number key="coverage"><xsl:value-of select="@coverage"/></j:number>
            <j:number key="requirements"><xsl:value-of select="@requirements"/></j:number>
            <j:number key="met"><xsl:value-of select="@met"/></j:number>
            <j:number key="partially_met"><xsl:value-of select="@partially-met"/></j:number>
            <j:number key="not_met"><xsl:value-of select="@not-met"/></j:number>
            <j:number key="inherited"><xsl:value-of select="@inherited"/></j:number>
            <j:number key="not_applicable"><xsl:value-of select="@not-applicable"/></j:number>
            <j:number key="not_assessed"><xsl:value-of select="@not-assessed"/></j:number>
          </j:map>
        </xsl:for-each>
      </j:array>
      <j:map key="summary">
        <j:number key="workloads"><xsl:value-of select="$a/summary/@workloads"/></j:number>
        <j:number key="checks"><xsl:value-of select="$a/summary/@checks"/></j:number>
        <j:number key="findings"><xsl:value-of select="$a/summary/@findings"/></j:number>
        <j:number key="evidence"><xsl:value-of select="$a/summary/@evidence"/></j:number>
        <xsl:call-template name="num"><xsl:with-param name="key" select="'overall_score'"/>
          <xsl:with-param name="v" select="$a/summary/@overall-score"/></xsl:call-template>
      </j:map>
      <xsl:choose>
        <xsl:when test="$drift">
          <j:map key="baseline">
            <j:string key="path"><xsl:value-of select="$drift/@baseline"/></j:string>
            <j:string key="generated"><xsl:value-of select="$drift/@baseline-generated"/></j:string>
            <j:number key="new"><xsl:value-of select="$drift/@new"/></j:number>
            <j:number key="resolved"><xsl:value-of select="$drift/@resolved"/></j:number>
            <j:number key="changed"><xsl:value-of select="$drift/@changed"/></j:number>
          </j:map>
        </xsl:when>
        <xsl:otherwise><j:null key="baseline"/></xsl:otherwise>
      </xsl:choose>
      <j:array key="controls">
        <xsl:for-each select="$a/control">
          <j:map>
            <j:string key="id"><xsl:value-of select="@id"/></j:string>
            <j:string key="title"><xsl:value-of select="title"/></j:string>
            <xsl:call-template name="str"><xsl:with-param name="key" select="'domain'"/>
              <xsl:with-param name="v" select="@domain"/></xsl:call-template>
            <j:string key="layer"><xsl:value-of select="@layer"/></j:string>
            <j:string key="scope">
              <xsl:choose>
                <xsl:when test="@scope = 'organisation'">organisation</xsl:when>
                <xsl:otherwise>workload</xsl:otherwise>
              </xsl:choose>
            </j:string>
            <j:string key="severity"><xsl:value-of select="@severity"/></j:string>
            <xsl:call-template name="str"><xsl:with-param name="key" select="'remediation'"/>
              <xsl:with-param name="v" select="remediation"/></xsl:call-template>
            <xsl:call-template name="citations"><xsl:with-param name="control" select="."/></xsl:call-template>
          </j:map>
        </xsl:for-each>
      </j:array>
      <j:array key="workloads">
        <xsl:for-each select="$a/workload">
          <j:map>
            <j:string key="id"><xsl:value-of select="@id"/></j:string>
            <j:string key="name"><xsl:value-of select="@name"/></j:string>
            <j:string key="type"><xsl:value-of select="@type"/></j:string>
            <xsl:call-template name="str"><xsl:with-param name="key" select="'service_model'"/>
              <xsl:with-param name="v" select="@service-model"/></xsl:call-template>
            <xsl:call-template name="str"><xsl:with-param name="key" select="'subscription'"/>
              <xsl:with-param name="v" select="@subscription"/></xsl:call-template>
            <xsl:call-template name="str"><xsl:with-param name="key" select="'tenant'"/>
              <xsl:with-param name="v" select="@tenant"/></xsl:call-template>
            <xsl:call-template name="str"><xsl:with-param name="key" select="'resource_group'"/>
              <xsl:with-param name="v" select="@resource-group"/></xsl:call-template>
            <xsl:call-template name="str"><xsl:with-param name="key" select="'location'"/>
              <xsl:with-param name="v" select="@location"/></xsl:call-template>
            <j:number key="findings"><xsl:value-of select="@findings"/></j:number>
          </j:map>
        </xsl:for-each>
      </j:array>
      <j:array key="findings">
        <xsl:apply-templates select="$a/finding"/>
      </j:array>
      <j:array key="checks">
        <xsl:apply-templates select="$a/organisation/check | $a/workload/check"/>
      </j:array>
      <j:array key="resolved">
        <xsl:for-each select="$drift/resolved-finding">
          <j:map>
            <xsl:call-template name="str"><xsl:with-param name="key" select="'workload'"/>
              <xsl:with-param name="v" select="@workload"/></xsl:call-template>
            <xsl:call-template name="str"><xsl:with-param name="key" select="'tenant'"/>
              <xsl:with-param name="v" select="@tenant"/></xsl:call-template>
            <xsl:call-template name="str"><xsl:with-param name="key" select="'control'"/>
              <xsl:with-param name="v" select="@control"/></xsl:call-template>
            <j:string key="severity"><xsl:value-of select="@severity"/></j:string>
            <j:string key="status"><xsl:value-of select="@status"/></j:string>
          </j:map>
        </xsl:for-each>
      </j:array>
    </j:map>
  </xsl:template>

  <xsl:template match="finding">
    <xsl:variable name="c" select="key('control', @control)"/>
    <xsl:variable name="kind">
      <xsl:choose>
        <xsl:when test="@scope = 'organisation'">organisation</xsl:when>
        <xsl:when test="@workload">workload</xsl:when>
        <xsl:when test="@status = 'no-baa'">engagement</xsl:when>
        <xsl:otherwise>evidence</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <j:map>
      <j:string key="id"><xsl:value-of select="@id"/></j:string>
      <j:string key="scope"><xsl:value-of select="$kind"/></j:string>
      <j:string key="status"><xsl:value-of select="@status"/></j:string>
      <j:string key="severity"><xsl:value-of select="@severity"/></j:string>
      <xsl:call-template name="str"><xsl:with-param name="key" select="'owner'"/>
        <xsl:with-param name="v" select="@owner"/></xsl:call-template>
      <xsl:call-template name="subject">
        <xsl:with-param name="workload" select="@workload"/>
        <xsl:with-param name="tenant" select="@tenant"/>
      </xsl:call-template>
      <xsl:call-template name="control-fields"><xsl:with-param name="c" select="$c"/></xsl:call-template>
      <j:string key="title">
        <xsl:value-of select="title | $c[not(current()/title)]/title"/>
      </j:string>
      <xsl:call-template name="str"><xsl:with-param name="key" select="'remediation'"/>
        <xsl:with-param name="v" select="remediation | $c[not(current()/remediation)]/remediation"/>
      </xsl:call-template>
      <xsl:call-template name="citations"><xsl:with-param name="control" select="$c"/></xsl:call-template>
      <j:array key="evidence">
        <xsl:call-template name="words"><xsl:with-param name="s" select="@evidence"/></xsl:call-template>
      </j:array>
      <xsl:call-template name="drift"/>
    </j:map>
  </xsl:template>

  <!-- How the finding stands against the baseline; null without one. -->
  <xsl:template name="drift">
    <xsl:choose>
      <xsl:when test="$drift">
        <xsl:variable name="id"
            select="concat(translate(@workload, $upper, $lower), '|', translate(@tenant, $upper, $lower),
                           '|', @control, '|', @status)"/>
        <xsl:variable name="new" select="key('new', $id)"/>
        <xsl:variable name="changed" select="key('changed', $id)"/>
        <j:map key="drift">
          <j:string key="change">
            <xsl:choose>
              <xsl:when test="$new">new</xsl:when>
              <xsl:when test="$changed">changed</xsl:when>
              <xsl:otherwise>unchanged</xsl:otherwise>
            </xsl:choose>
          </j:string>
          <j:string key="known_since">
            <xsl:choose>
              <xsl:when test="$new"><xsl:value-of select="$a/@generated"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="$drift/@baseline-generated"/></xsl:otherwise>
            </xsl:choose>
          </j:string>
          <xsl:call-template name="str"><xsl:with-param name="key" select="'old_status'"/>
            <xsl:with-param name="v" select="$changed[1]/@old-status"/></xsl:call-template>
          <xsl:call-template name="str"><xsl:with-param name="key" select="'old_severity'"/>
            <xsl:with-param name="v" select="$changed[1]/@old-severity"/></xsl:call-template>
        </j:map>
      </xsl:when>
      <xsl:otherwise><j:null key="drift"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A check: what its control is and cites is in "controls", its workload in "workloads". -->
  <xsl:template match="check">
    <xsl:variable name="c" select="key('control', @control)"/>
    <j:map>
      <j:string key="scope"><xsl:value-of select="local-name(..)"/></j:string>
      <j:string key="status"><xsl:value-of select="@status"/></j:string>
      <j:string key="severity"><xsl:value-of select="$c/@severity"/></j:string>
      <j:string key="owner"><xsl:value-of select="@owner"/></j:string>
      <xsl:choose>
        <xsl:when test="parent::workload">
          <j:string key="workload"><xsl:value-of select="../@id"/></j:string>
          <xsl:call-template name="str"><xsl:with-param name="key" select="'tenant'"/>
            <xsl:with-param name="v" select="../@tenant"/></xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <j:null key="workload"/>
          <xsl:call-template name="str"><xsl:with-param name="key" select="'tenant'"/>
            <xsl:with-param name="v" select="../@tenant"/></xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
      <j:string key="control"><xsl:value-of select="@control"/></j:string>
      <xsl:call-template name="str"><xsl:with-param name="key" select="'domain'"/>
        <xsl:with-param name="v" select="$c/@domain"/></xsl:call-template>
      <j:array key="evidence">
        <xsl:call-template name="words"><xsl:with-param name="s" select="@evidence"/></xsl:call-template>
      </j:array>
      <j:array key="attestations">
        <xsl:call-template name="words"><xsl:with-param name="s" select="@attestations"/></xsl:call-template>
      </j:array>
    </j:map>
  </xsl:template>

</xsl:stylesheet>
