<?xml version="1.0" encoding="UTF-8"?>
<!--
  crm.xsl - srmap's customer responsibility matrix (XML) from the canonical assessment XML.

  For every layer, every catalog control and every NIST SP 800-53 control the catalog covers (of
  the FedRAMP baseline when FedRAMP is in scope): who is responsible under each service model and
  what the customer must do.  The result validates against docs/crm.xsd; docs/crm.md describes it
  and how each part maps from the canonical XML.  crm-csv.xsl writes the same table as CSV.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:srmap="urn:srmap:xslt" exclude-result-prefixes="srmap">

  <!-- The parts of the assessment this template reads: srmap gives it a document of these alone,
       not the workloads, evidence and findings of a large estate.  A copy of this template that
       reads more must name those parts too (or drop this line to be given everything). -->
  <srmap:reads parts="profile matrix control framework"/>

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:variable name="upper" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZ'"/>
  <xsl:variable name="lower" select="'abcdefghijklmnopqrstuvwxyz'"/>

  <xsl:variable name="a" select="/assessment"/>
  <!-- The small lists, selected once: a step from /assessment visits every workload and
       evidence record. -->
  <xsl:variable name="controls" select="/assessment/control"/>
  <xsl:variable name="rows" select="/assessment/matrix/row"/>
  <xsl:variable name="fedramp" select="$a/framework[@id = 'fedramp']"/>
  <xsl:variable name="models" select="$rows[1]/cell/@model"/>


  <!-- The NIST ids listed: the FedRAMP baseline's requirements that some catalog control cites;
       without FedRAMP in scope, every NIST id the catalog cites, in order of first citation. -->
  <xsl:variable name="nist-ids"
      select="$fedramp/requirement[control-ref]/@id
              | $a[not(framework[@id = 'fedramp'])]/control/ref[@framework = 'nist-800-53']
                  [not(@id = ../preceding-sibling::control/ref[@framework = 'nist-800-53']/@id)]/@id"/>

  <!-- provider -> inherited; customer and shared stay. -->
  <xsl:template name="responsibility">
    <xsl:param name="owner"/>
    <xsl:choose>
      <xsl:when test="$owner = 'provider'">inherited</xsl:when>
      <xsl:otherwise><xsl:value-of select="$owner"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="/">
    <xsl:apply-templates select="assessment"/>
  </xsl:template>

  <xsl:template match="assessment">
    <crm schema-version="1" tool-version="{@tool-version}" catalog-version="{@catalog-version}"
         client="{profile/@client}" assessor="{profile/@assessor}" marking="{profile/@marking}"
         as-of="{@as-of}" generated="{@generated}">
      <xsl:choose>
        <xsl:when test="$fedramp">
          <xsl:attribute name="nist-scope">fedramp</xsl:attribute>
          <xsl:attribute name="fedramp-baseline">
            <xsl:value-of select="$fedramp/@baseline"/>
          </xsl:attribute>
        </xsl:when>
        <xsl:otherwise>
          <xsl:attribute name="nist-scope">catalog</xsl:attribute>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:apply-templates select="matrix/row"/>
      <xsl:apply-templates select="control"/>
      <xsl:for-each select="$nist-ids">
        <xsl:call-template name="nist-control"/>
      </xsl:for-each>
    </crm>
  </xsl:template>

  <xsl:template match="row">
    <layer id="{@layer}" title="{@title}">
      <xsl:for-each select="cell">
        <model id="{@model}" owner="{@owner}">
          <xsl:attribute name="responsibility">
            <xsl:call-template name="responsibility">
              <xsl:with-param name="owner" select="@owner"/>
            </xsl:call-template>
          </xsl:attribute>
          <xsl:if test="@microsoft">
            <xsl:attribute name="microsoft"><xsl:value-of select="@microsoft"/></xsl:attribute>
          </xsl:if>
        </model>
      </xsl:for-each>
      <xsl:if test="source">
        <source><xsl:value-of select="source"/></source>
      </xsl:if>
    </layer>
  </xsl:template>

  <xsl:template match="control">
    <xsl:variable name="control" select="."/>
    <control id="{@id}" layer="{@layer}" severity="{@severity}">
      <title><xsl:value-of select="title"/></title>
      <xsl:for-each select="$rows[@layer = current()/@layer]/cell">
        <model id="{@model}" owner="{@owner}">
          <xsl:attribute name="responsibility">
            <xsl:call-template name="responsibility">
              <xsl:with-param name="owner" select="@owner"/>
            </xsl:call-template>
          </xsl:attribute>
          <!-- yes: the control applies to every workload of this model; by-type: only to
               workloads of the resource types it lists (the canonical XML does not say which
               model a type has); no: to none. -->
          <xsl:attribute name="applies">
            <xsl:choose>
              <xsl:when test="$control/applies-to[@model = current()/@model]">yes</xsl:when>
              <xsl:when test="$control/applies-to[@type]">by-type</xsl:when>
              <xsl:otherwise>no</xsl:otherwise>
            </xsl:choose>
          </xsl:attribute>
        </model>
      </xsl:for-each>
      <xsl:for-each select="applies-to[@type]">
        <applies-to type="{@type}"/>
      </xsl:for-each>
      <requirement><xsl:value-of select="description"/></requirement>
      <customer-action><xsl:value-of select="remediation"/></customer-action>
      <xsl:for-each select="ref">
        <ref framework="{@framework}" id="{@id}"/>
      </xsl:for-each>
    </control>
  </xsl:template>

  <!-- Context: the @id of a FedRAMP requirement or of a catalog control's NIST citation. -->
  <xsl:template name="nist-control">
    <xsl:variable name="id" select="string(.)"/>
    <xsl:variable name="citing" select="$controls[ref[@framework = 'nist-800-53'][@id = $id]]"/>
    <xsl:variable name="rows" select="$rows[@layer = $citing/@layer]"/>
    <nist-control id="{$id}" oscal-id="{translate(translate($id, $upper, $lower), '()', '.')}">
      <xsl:if test="../self::requirement/title">
        <title><xsl:value-of select="../title"/></title>
      </xsl:if>
      <xsl:for-each select="$models">
        <xsl:variable name="owners" select="$rows/cell[@model = current()]/@owner"/>
        <!-- provider when every citing control's layer is the provider's, customer when every
             one is the customer's, shared otherwise. -->
        <xsl:variable name="owner">
          <xsl:choose>
            <xsl:when test="not($owners[. != 'provider'])">provider</xsl:when>
            <xsl:when test="not($owners[. != 'customer'])">customer</xsl:when>
            <xsl:otherwise>shared</xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <model id="{.}" owner="{$owner}">
          <xsl:attribute name="responsibility">
            <xsl:call-template name="responsibility">
              <xsl:with-param name="owner" select="$owner"/>
            </xsl:call-template>
          </xsl:attribute>
        </model>
      </xsl:for-each>
      <xsl:for-each select="$citing">
        <control-ref id="{@id}"/>
      </xsl:for-each>
    </nist-control>
  </xsl:template>

</xsl:stylesheet>
