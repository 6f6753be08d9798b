<?xml version="1.0" encoding="UTF-8"?>
<!--
  oscal-ar.xsl - OSCAL 1.0.6 assessment results from srmap's canonical assessment XML.

  The result validates against NIST's oscal_assessment-results_schema.xsd (v1.0.6).  Every uuid
  is a name-based (version 5) UUID made by srmap:uuid() from stable ids, so the same inputs give
  the same document.  docs/oscal.md describes the document and how each part maps from the
  canonical XML (docs/assessment-xml.md).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:srmap="urn:srmap:xslt"
    xmlns="http://csrc.nist.gov/ns/oscal/1.0"
    exclude-result-prefixes="srmap">

  <!-- The parts of the assessment this template reads (not its findings, drift or diagnostics):
       srmap gives it a document of these alone.  A copy that reads more must name more. -->
  <srmap:reads parts="profile inputs summary matrix control workload organisation evidence framework"/>

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <!-- Namespace of srmap's own props and facets (OSCAL requires a namespace for names it does
       not define). -->
  <xsl:variable name="ns" select="'urn:srmap:oscal'"/>

  <xsl:variable name="upper" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZ'"/>
  <xsl:variable name="lower" select="'abcdefghijklmnopqrstuvwxyz'"/>

  <xsl:variable name="a" select="/assessment"/>
  <!-- The small lists, selected once: a step from /assessment visits every workload and
       evidence record. -->
  <xsl:variable name="controls" select="/assessment/control"/>
  <xsl:variable name="rows" select="/assessment/matrix/row"/>
  <xsl:variable name="client" select="$a/profile/@client"/>
  <xsl:variable name="assessor" select="$a/profile/@assessor"/>
  <!-- Every uuid is srmap:uuid(concat($seed, KIND, '|', ID)): scoped to the client, so that two
       clients' documents never share a uuid, and stable across runs. -->
  <xsl:variable name="seed" select="concat('srmap|', $client, '|')"/>
  <xsl:variable name="fedramp" select="$a/framework[@id = 'fedramp']"/>

  <xsl:key name="evidence-by-control" match="/assessment/evidence" use="@control"/>
  <xsl:key name="check-by-evidence" match="/assessment/workload/check[@evidence] | /assessment/organisation/check[@evidence]"
           use="@evidence"/>
  <xsl:key name="bad-check" match="/assessment/workload/check[@status = 'failed' or @status = 'missing']
                                   | /assessment/organisation/check[@status = 'failed' or @status = 'missing']"
           use="@control"/>
  <xsl:key name="workload" match="/assessment/workload"
           use="translate(@id, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>

  <!-- The NIST SP 800-53 ids reviewed: the FedRAMP baseline's requirements that some catalog
       control cites; without FedRAMP in scope, every NIST id the catalog cites (first citation
       order). -->
  <xsl:variable name="nist-ids"
      select="$fedramp/requirement[control-ref]/@id
              | $a[not(framework[@id = 'fedramp'])]/control/ref[@framework = 'nist-800-53']
                  [not(@id = ../preceding-sibling::control/ref[@framework = 'nist-800-53']/@id)]/@id"/>

  <xsl:variable name="tool-uuid" select="srmap:uuid(concat($seed, 'component|srmap'))"/>
  <xsl:variable name="plan-uuid" select="srmap:uuid(concat($seed, 'resource|assessment-plan'))"/>
  <xsl:variable name="run-key">
    <xsl:value-of select="$a/@as-of"/>
    <xsl:for-each select="$a/inputs/input">
      <xsl:value-of select="concat('|', @sha256)"/>
    </xsl:for-each>
  </xsl:variable>

  <!-- ==== helpers =================================================================== -->

  <!-- IA-2(1) -> ia-2.1 -->
  <xsl:template name="oscal-id">
    <xsl:param name="id"/>
    <xsl:value-of select="translate(translate($id, $upper, $lower), '()', '.')"/>
  </xsl:template>

  <!-- Percent-encodes the ASCII characters that may not appear as such in a URI reference
       (non-ASCII characters are left as they are, as in an IRI).  Splits in halves, so the
       recursion depth grows with the logarithm of the length. -->
  <xsl:variable name="uri-specials"> %#?[]"&lt;&gt;\^`{|}</xsl:variable>
  <xsl:template name="uri">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="translate($s, $uri-specials, '') = $s">
        <xsl:value-of select="$s"/>
      </xsl:when>
      <xsl:when test="string-length($s) = 1">
        <xsl:variable name="i" select="string-length(substring-before($uri-specials, $s))"/>
        <xsl:value-of select="substring('%20%25%23%3F%5B%5D%22%3C%3E%5C%5E%60%7B%7C%7D', 3 * $i + 1, 3)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="half" select="floor(string-length($s) div 2)"/>
        <xsl:call-template name="uri">
          <xsl:with-param name="s" select="substring($s, 1, $half)"/>
        </xsl:call-template>
        <xsl:call-template name="uri">
          <xsl:with-param name="s" select="substring($s, $half + 1)"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- An srmap prop, left out when the value is empty (OSCAL strings may not be empty). -->
  <xsl:template name="prop">
    <xsl:param name="name"/>
    <xsl:param name="value"/>
    <xsl:if test="normalize-space($value) != ''">
      <prop name="{$name}" ns="{$ns}" value="{normalize-space($value)}"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="tool-origin">
    <origin>
      <actor type="tool" actor-uuid="{$tool-uuid}"/>
    </origin>
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

  <!-- ==== document ==================================================================== -->

  <xsl:template match="/">
    <xsl:apply-templates select="assessment"/>
  </xsl:template>

  <xsl:template match="assessment">
    <assessment-results uuid="{srmap:uuid(concat($seed, 'assessment-results|', $run-key))}">
      <xsl:call-template name="metadata"/>
      <import-ap href="#{$plan-uuid}">
        <remarks>
          <p>srmap does not read an OSCAL assessment plan: the plan of this assessment is the engagement profile (client, assessor, as-of date, frameworks, FedRAMP baseline, evidence age), described by the back-matter resource this reference points to.</p>
        </remarks>
      </import-ap>
      <xsl:call-template name="result"/>
      <xsl:call-template name="back-matter"/>
    </assessment-results>
  </xsl:template>

  <xsl:template name="metadata">
    <xsl:variable name="assessor-uuid" select="srmap:uuid(concat($seed, 'party|assessor|', $assessor))"/>
    <xsl:variable name="client-uuid" select="srmap:uuid(concat($seed, 'party|client|', $client))"/>
    <metadata>
      <title>Shared-responsibility assessment results for <xsl:value-of select="$client"/></title>
      <last-modified><xsl:value-of select="@generated"/></last-modified>
      <version><xsl:value-of select="@tool-version"/></version>
      <oscal-version>1.0.6</oscal-version>
      <xsl:if test="normalize-space(profile/@marking) != ''">
        <prop name="marking" value="{normalize-space(profile/@marking)}"/>
      </xsl:if>
      <xsl:call-template name="prop">
        <xsl:with-param name="name" select="'tool'"/>
        <xsl:with-param name="value" select="concat('srmap ', @tool-version)"/>
      </xsl:call-template>
      <xsl:call-template name="prop">
        <xsl:with-param name="name" select="'catalog-version'"/>
        <xsl:with-param name="value" select="@catalog-version"/>
      </xsl:call-template>
      <role id="assessor">
        <title>Assessor</title>
        <description><p>The organisation that performed the assessment.</p></description>
      </role>
      <role id="prepared-by">
        <title>Prepared By</title>
        <description><p>The organisation that prepared this document.</p></description>
      </role>
      <role id="prepared-for">
        <title>Prepared For</title>
        <description><p>The organisation assessed, for which this document was prepared.</p></description>
      </role>
      <party uuid="{$assessor-uuid}" type="organization">
        <name><xsl:value-of select="$assessor"/></name>
      </party>
      <party uuid="{$client-uuid}" type="organization">
        <name><xsl:value-of select="$client"/></name>
      </party>
      <responsible-party role-id="assessor">
        <party-uuid><xsl:value-of select="$assessor-uuid"/></party-uuid>
      </responsible-party>
      <responsible-party role-id="prepared-by">
        <party-uuid><xsl:value-of select="$assessor-uuid"/></party-uuid>
      </responsible-party>
      <responsible-party role-id="prepared-for">
        <party-uuid><xsl:value-of select="$client-uuid"/></party-uuid>
      </responsible-party>
    </metadata>
  </xsl:template>

  <!-- ==== the result ==================================================================== -->

  <xsl:template name="result">
    <result uuid="{srmap:uuid(concat($seed, 'result|', $run-key))}">
      <title>Assessment as of <xsl:value-of select="@as-of"/></title>
      <description>
        <p>
          <xsl:text>Automated shared-responsibility assessment by srmap </xsl:text>
          <xsl:value-of select="@tool-version"/>
          <xsl:text> (catalog </xsl:text>
          <xsl:value-of select="@catalog-version"/>
          <xsl:text>) of </xsl:text>
          <xsl:value-of select="summary/@workloads"/>
          <xsl:text> workloads: </xsl:text>
          <xsl:value-of select="summary/@checks"/>
          <xsl:text> checks decided from </xsl:text>
          <xsl:value-of select="summary/@evidence"/>
          <xsl:text> evidence records, with </xsl:text>
          <xsl:value-of select="summary/@findings"/>
          <xsl:text> findings. Frameworks in scope: </xsl:text>
          <xsl:for-each select="profile/scope">
            <xsl:if test="position() > 1">, </xsl:if>
            <xsl:choose>
              <xsl:when test="@framework = 'fedramp'">
                <xsl:text>FedRAMP Rev 5 (</xsl:text>
                <xsl:value-of select="../@fedramp-baseline"/>
                <xsl:text> baseline)</xsl:text>
              </xsl:when>
              <xsl:otherwise>
                <xsl:call-template name="framework-label">
                  <xsl:with-param name="id" select="@framework"/>
                </xsl:call-template>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
          <xsl:text>.</xsl:text>
        </p>
      </description>
      <start><xsl:value-of select="@as-of"/></start>
      <end><xsl:value-of select="@generated"/></end>
      <xsl:call-template name="prop">
        <xsl:with-param name="name" select="'overall-score'"/>
        <xsl:with-param name="value" select="summary/@overall-score"/>
      </xsl:call-template>
      <xsl:for-each select="framework">
        <xsl:call-template name="prop">
          <xsl:with-param name="name" select="concat(@id, '-score')"/>
          <xsl:with-param name="value" select="@score"/>
        </xsl:call-template>
      </xsl:for-each>
      <local-definitions>
        <xsl:apply-templates select="workload" mode="inventory-item"/>
        <assessment-assets>
          <component uuid="{$tool-uuid}" type="software">
            <title>srmap</title>
            <description>
              <p>srmap <xsl:value-of select="@tool-version"/>, a shared-responsibility compliance assessment tool, with catalog <xsl:value-of select="@catalog-version"/>.</p>
            </description>
            <xsl:call-template name="prop">
              <xsl:with-param name="name" select="'tool-version'"/>
              <xsl:with-param name="value" select="@tool-version"/>
            </xsl:call-template>
            <status state="operational"/>
          </component>
          <assessment-platform uuid="{srmap:uuid(concat($seed, 'assessment-platform|srmap'))}">
            <title>srmap</title>
            <uses-component component-uuid="{$tool-uuid}"/>
          </assessment-platform>
        </assessment-assets>
      </local-definitions>
      <xsl:call-template name="reviewed-controls"/>
      <xsl:apply-templates select="evidence" mode="observation"/>
      <xsl:for-each select="control[@failed + @missing > 0]">
        <xsl:sort select="string-length(substring-before('critical high medium low ', @severity))"
                  data-type="number"/>
        <xsl:apply-templates select="." mode="risk"/>
      </xsl:for-each>
      <xsl:for-each select="$nist-ids">
        <xsl:call-template name="finding"/>
      </xsl:for-each>
    </result>
  </xsl:template>

  <xsl:template match="workload" mode="inventory-item">
    <inventory-item uuid="{srmap:uuid(concat($seed, 'workload|', translate(@id, $upper, $lower)))}">
      <description>
        <p>
          <xsl:value-of select="@name"/>
          <xsl:text>: </xsl:text>
          <xsl:choose>
            <xsl:when test="@type-title"><xsl:value-of select="@type-title"/></xsl:when>
            <xsl:otherwise>unclassified type</xsl:otherwise>
          </xsl:choose>
          <xsl:text> (</xsl:text>
          <xsl:value-of select="@type"/>
          <xsl:text>), service model </xsl:text>
          <xsl:value-of select="@service-model"/>
          <xsl:text>.</xsl:text>
        </p>
      </description>
      <xsl:if test="normalize-space(@id) != ''">
        <prop name="asset-id" value="{normalize-space(@id)}"/>
      </xsl:if>
      <xsl:call-template name="prop">
        <xsl:with-param name="name" select="'workload-name'"/>
        <xsl:with-param name="value" select="@name"/>
      </xsl:call-template>
      <xsl:call-template name="prop">
        <xsl:with-param name="name" select="'resource-type'"/>
        <xsl:with-param name="value" select="@type"/>
      </xsl:call-template>
      <xsl:call-template name="prop">
        <xsl:with-param name="name" select="'service-model'"/>
        <xsl:with-param name="value" select="@service-model"/>
      </xsl:call-template>
      <xsl:call-template name="prop">
        <xsl:with-param name="name" select="'subscription'"/>
        <xsl:with-param name="value" select="@subscription"/>
      </xsl:call-template>
      <xsl:call-template name="prop">
        <xsl:with-param name="name" select="'tenant'"/>
        <xsl:with-param name="value" select="@tenant"/>
      </xsl:call-template>
      <xsl:call-template name="prop">
        <xsl:with-param name="name" select="'location'"/>
        <xsl:with-param name="value" select="@location"/>
      </xsl:call-template>
      <xsl:call-template name="prop">
        <xsl:with-param name="name" select="'accountable-party'"/>
        <xsl:with-param name="value" select="@accountable-party"/>
      </xsl:call-template>
    </inventory-item>
  </xsl:template>

  <xsl:template name="reviewed-controls">
    <reviewed-controls>
      <description>
        <p>
          <xsl:choose>
            <xsl:when test="$fedramp">
              <xsl:text>The NIST SP 800-53 Rev 5 controls of the FedRAMP Rev 5 </xsl:text>
              <xsl:value-of select="$fedramp/@baseline"/>
              <xsl:text> baseline that srmap's catalog maps to at least one of its controls (</xsl:text>
              <xsl:value-of select="count($nist-ids)"/>
              <xsl:text> of the baseline's </xsl:text>
              <xsl:value-of select="$fedramp/@requirements"/>
              <xsl:text>).</xsl:text>
            </xsl:when>
            <xsl:otherwise>
              <xsl:text>FedRAMP is not in scope: the NIST SP 800-53 Rev 5 controls that srmap's catalog maps to at least one of its controls (</xsl:text>
              <xsl:value-of select="count($nist-ids)"/>
              <xsl:text>), not filtered by a baseline.</xsl:text>
            </xsl:otherwise>
          </xsl:choose>
        </p>
      </description>
      <control-selection>
        <xsl:choose>
          <xsl:when test="$nist-ids">
            <xsl:for-each select="$nist-ids">
              <include-control>
                <xsl:attribute name="control-id">
                  <xsl:call-template name="oscal-id">
                    <xsl:with-param name="id" select="."/>
                  </xsl:call-template>
                </xsl:attribute>
              </include-control>
            </xsl:for-each>
          </xsl:when>
          <xsl:otherwise>
            <!-- The catalog cites no NIST control: nothing was reviewed against NIST. -->
            <include-all/>
            <remarks><p>srmap's catalog cites no NIST SP 800-53 control, so no control was reviewed.</p></remarks>
          </xsl:otherwise>
        </xsl:choose>
      </control-selection>
    </reviewed-controls>
  </xsl:template>

  <!-- ==== observations: one per evidence record ========================================= -->

  <xsl:template match="evidence" mode="observation">
    <xsl:variable name="control" select="$controls[@id = current()/@control]"/>
    <xsl:variable name="by" select="translate(@collected-by, $upper, $lower)"/>
    <observation uuid="{srmap:uuid(concat($seed, 'observation|', translate(@id, $upper, $lower)))}">
      <title>
        <xsl:value-of select="concat('Evidence ', @id, ': ', $control/title)"/>
      </title>
      <description>
        <p>
          <xsl:text>Evidence record </xsl:text>
          <xsl:value-of select="@id"/>
          <xsl:text> for control </xsl:text>
          <xsl:value-of select="@control"/>
          <xsl:text> (</xsl:text>
          <xsl:value-of select="$control/title"/>
          <xsl:text>), scope </xsl:text>
          <xsl:value-of select="@scope"/>
          <xsl:text> </xsl:text>
          <xsl:value-of select="@scope-id"/>
          <xsl:text>: result </xsl:text>
          <xsl:value-of select="@result"/>
          <xsl:text>, collected by </xsl:text>
          <xsl:value-of select="@collected-by"/>
          <xsl:text>. </xsl:text>
          <xsl:choose>
            <xsl:when test="@used = 'true' and $control/@scope = 'organisation'">
              <xsl:text>It is evidence of the organisation-wide check of the control, made once for its tenant.</xsl:text>
            </xsl:when>
            <xsl:when test="@used = 'true'">
              <xsl:text>It decided the checks of the workloads named as subjects.</xsl:text>
            </xsl:when>
            <xsl:otherwise>
              <xsl:text>It decided no check (overridden by a narrower or newer record, or applying only where the control is inherited or does not apply).</xsl:text>
            </xsl:otherwise>
          </xsl:choose>
        </p>
      </description>
      <xsl:call-template name="prop">
        <xsl:with-param name="name" select="'evidence-id'"/>
        <xsl:with-param name="value" select="@id"/>
      </xsl:call-template>
      <xsl:call-template name="prop">
        <xsl:with-param name="name" select="'control'"/>
        <xsl:with-param name="value" select="@control"/>
      </xsl:call-template>
      <xsl:call-template name="prop">
        <xsl:with-param name="name" select="'result'"/>
        <xsl:with-param name="value" select="@result"/>
      </xsl:call-template>
      <xsl:call-template name="prop">
        <xsl:with-param name="name" select="'scope'"/>
        <xsl:with-param name="value" select="@scope"/>
      </xsl:call-template>
      <xsl:call-template name="prop">
        <xsl:with-param name="name" select="'scope-id'"/>
        <xsl:with-param name="value" select="@scope-id"/>
      </xsl:call-template>
      <xsl:call-template name="prop">
        <xsl:with-param name="name" select="'collected-by'"/>
        <xsl:with-param name="value" select="@collected-by"/>
      </xsl:call-template>
      <xsl:call-template name="prop">
        <xsl:with-param name="name" select="'used'"/>
        <xsl:with-param name="value" select="@used"/>
      </xsl:call-template>
      <xsl:call-template name="prop">
        <xsl:with-param name="name" select="'source'"/>
        <xsl:with-param name="value" select="concat(@file, ':', @line)"/>
      </xsl:call-template>
      <method>
        <xsl:choose>
          <!-- A tool's export or scan tested the control; a person's or third party's record
               was examined. -->
          <xsl:when test="contains($by, 'export') or contains($by, 'scan')">TEST</xsl:when>
          <xsl:otherwise>EXAMINE</xsl:otherwise>
        </xsl:choose>
      </method>
      <type>control-objective</type>
      <xsl:call-template name="tool-origin"/>
      <xsl:variable name="decided" select="key('check-by-evidence', @id)"/>
      <xsl:choose>
        <xsl:when test="$decided">
          <xsl:for-each select="$decided">
            <xsl:call-template name="subject">
              <xsl:with-param name="w" select=".."/>
            </xsl:call-template>
          </xsl:for-each>
        </xsl:when>
        <xsl:when test="@scope = 'workload'">
          <xsl:call-template name="subject">
            <xsl:with-param name="w" select="key('workload', translate(current()/@scope-id, $upper, $lower))"/>
          </xsl:call-template>
        </xsl:when>
      </xsl:choose>
      <xsl:if test="@artifact">
        <relevant-evidence>
          <xsl:attribute name="href">
            <xsl:call-template name="uri">
              <xsl:with-param name="s" select="@artifact"/>
            </xsl:call-template>
          </xsl:attribute>
          <description>
            <p>
              <xsl:text>Artifact </xsl:text>
              <xsl:value-of select="@artifact"/>
              <xsl:text>, as named by the evidence record (relative to the folder of </xsl:text>
              <xsl:value-of select="@file"/>
              <xsl:text>).</xsl:text>
            </p>
          </description>
          <xsl:call-template name="prop">
            <xsl:with-param name="name" select="'sha256'"/>
            <xsl:with-param name="value" select="@sha256"/>
          </xsl:call-template>
        </relevant-evidence>
      </xsl:if>
      <!-- OSCAL requires a time: an undated record is given the as-of time and says so. -->
      <xsl:choose>
        <xsl:when test="@collected-at = 'unknown'">
          <collected><xsl:value-of select="$a/@as-of"/></collected>
        </xsl:when>
        <xsl:otherwise>
          <collected><xsl:value-of select="@collected-at"/></collected>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="note or @collected-at = 'unknown'">
        <remarks>
          <xsl:if test="@collected-at = 'unknown'">
            <p>When this evidence was collected is unknown (its export does not say); the assessment's as-of time stands in for it.</p>
          </xsl:if>
          <xsl:if test="note"><p><xsl:value-of select="note"/></p></xsl:if>
        </remarks>
      </xsl:if>
    </observation>
  </xsl:template>

  <!-- An organisation check has no inventory item: its observation names no subject. -->
  <xsl:template name="subject">
    <xsl:param name="w"/>
    <xsl:if test="$w[self::workload]">
      <subject type="inventory-item" subject-uuid="{srmap:uuid(concat($seed, 'workload|', translate($w/@id, $upper, $lower)))}">
        <title><xsl:value-of select="$w/@name"/></title>
      </subject>
    </xsl:if>
  </xsl:template>

  <!-- ==== risks: one per catalog control that failed or has no evidence somewhere ========= -->

  <xsl:template match="control" mode="risk">
    <xsl:variable name="bad" select="key('bad-check', @id)"/>
    <risk uuid="{srmap:uuid(concat($seed, 'risk|', @id))}">
      <title><xsl:value-of select="title"/></title>
      <description>
        <xsl:if test="normalize-space(description) != ''">
          <p><xsl:value-of select="description"/></p>
        </xsl:if>
        <p>
          <xsl:text>Customer-side control </xsl:text>
          <xsl:value-of select="@id"/>
          <xsl:choose>
            <xsl:when test="@scope = 'organisation'">
              <xsl:text> is an organisation-wide control, checked once per tenant, and is not in place in these organisations:</xsl:text>
            </xsl:when>
            <xsl:otherwise><xsl:text> is not in place on these workloads:</xsl:text></xsl:otherwise>
          </xsl:choose>
        </p>
        <ul>
          <xsl:for-each select="$bad">
            <li>
              <xsl:choose>
                <xsl:when test="parent::organisation">
                  <xsl:text>the organisation</xsl:text>
                  <xsl:if test="../@tenant"><xsl:value-of select="concat(' (tenant ', ../@tenant, ')')"/></xsl:if>
                  <xsl:value-of select="concat(', ', ../@workloads, ' workloads')"/>
                </xsl:when>
                <xsl:otherwise>
                  <xsl:value-of select="../@name"/>
                  <xsl:text> (</xsl:text>
                  <xsl:value-of select="../@id"/>
                  <xsl:text>)</xsl:text>
                </xsl:otherwise>
              </xsl:choose>
              <xsl:text>: </xsl:text>
              <xsl:choose>
                <xsl:when test="@status = 'failed'">
                  <xsl:value-of select="concat('failed, evidence ', @evidence)"/>
                </xsl:when>
                <xsl:otherwise>no evidence</xsl:otherwise>
              </xsl:choose>
            </li>
          </xsl:for-each>
        </ul>
      </description>
      <statement>
        <p>
          <xsl:text>The customer's control "</xsl:text>
          <xsl:value-of select="title"/>
          <xsl:text>" is not in place on </xsl:text>
          <xsl:value-of select="@failed + @missing"/>
          <xsl:choose>
            <xsl:when test="@scope = 'organisation'"><xsl:text> of the organisations (tenants) it applies to (</xsl:text></xsl:when>
            <xsl:otherwise><xsl:text> of the workloads it applies to (</xsl:text></xsl:otherwise>
          </xsl:choose>
          <xsl:value-of select="@failed"/>
          <xsl:text> failed, </xsl:text>
          <xsl:value-of select="@missing"/>
          <xsl:text> without evidence)</xsl:text>
          <xsl:if test="ref">
            <xsl:text>, so the requirements it supports are not shown to be met for them: </xsl:text>
            <xsl:for-each select="ref">
              <xsl:if test="position() > 1">, </xsl:if>
              <xsl:call-template name="framework-label">
                <xsl:with-param name="id" select="@framework"/>
              </xsl:call-template>
              <xsl:value-of select="concat(' ', @id)"/>
            </xsl:for-each>
          </xsl:if>
          <xsl:text>.</xsl:text>
        </p>
      </statement>
      <xsl:call-template name="prop">
        <xsl:with-param name="name" select="'control'"/>
        <xsl:with-param name="value" select="@id"/>
      </xsl:call-template>
      <xsl:call-template name="prop">
        <xsl:with-param name="name" select="'layer'"/>
        <xsl:with-param name="value" select="@layer"/>
      </xsl:call-template>
      <xsl:call-template name="prop">
        <xsl:with-param name="name" select="'failed'"/>
        <xsl:with-param name="value" select="@failed"/>
      </xsl:call-template>
      <xsl:call-template name="prop">
        <xsl:with-param name="name" select="'missing'"/>
        <xsl:with-param name="value" select="@missing"/>
      </xsl:call-template>
      <status>open</status>
      <xsl:call-template name="tool-origin"/>
      <characterization>
        <xsl:call-template name="tool-origin"/>
        <facet name="severity" system="{$ns}" value="{@severity}"/>
      </characterization>
      <response uuid="{srmap:uuid(concat($seed, 'response|', @id))}" lifecycle="recommendation">
        <title>Remediation</title>
        <description><p><xsl:value-of select="remediation"/></p></description>
        <xsl:call-template name="tool-origin"/>
      </response>
      <xsl:for-each select="key('evidence-by-control', @id)[@used = 'true' and @result = 'fail']">
        <related-observation observation-uuid="{srmap:uuid(concat($seed, 'observation|', translate(@id, $upper, $lower)))}"/>
      </xsl:for-each>
    </risk>
  </xsl:template>

  <!-- ==== findings: one per reviewed NIST control that has checks ========================== -->

  <!-- Context: the @id attribute of a FedRAMP requirement, or of a catalog control's NIST ref. -->
  <xsl:template name="finding">
    <xsl:variable name="id" select="string(.)"/>
    <xsl:variable name="citing" select="$controls[ref[@framework = 'nist-800-53'][@id = $id]]"/>
    <xsl:variable name="req" select="../self::requirement"/>
    <xsl:variable name="inherited" select="sum($citing/@inherited)"/>
    <xsl:variable name="satisfied" select="sum($citing/@satisfied)"/>
    <xsl:variable name="failed" select="sum($citing/@failed)"/>
    <xsl:variable name="missing" select="sum($citing/@missing)"/>
    <xsl:variable name="stale" select="sum($citing/@stale)"/>
    <xsl:variable name="na" select="sum($citing/@not-applicable)"/>
    <xsl:variable name="good" select="$inherited + $satisfied"/>
    <xsl:variable name="bad" select="$failed + $missing + $stale"/>
    <!-- The requirement status of docs/assessment-xml.md; FedRAMP's own when in scope. -->
    <xsl:variable name="status">
      <xsl:choose>
        <xsl:when test="$req"><xsl:value-of select="$req/@status"/></xsl:when>
        <xsl:when test="$good + $bad = 0 and $na > 0">not-applicable</xsl:when>
        <xsl:when test="$good + $bad = 0">not-assessed</xsl:when>
        <xsl:when test="$bad = 0 and $satisfied > 0">met</xsl:when>
        <xsl:when test="$bad = 0">inherited</xsl:when>
        <xsl:when test="$good > 0">partially-met</xsl:when>
        <xsl:otherwise>not-met</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="oscal">
      <xsl:call-template name="oscal-id">
        <xsl:with-param name="id" select="$id"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:if test="$status != 'not-assessed'">
      <finding uuid="{srmap:uuid(concat($seed, 'finding|', $oscal))}">
        <title>
          <xsl:value-of select="$id"/>
          <xsl:if test="$req/title">
            <xsl:value-of select="concat(' ', $req/title)"/>
          </xsl:if>
        </title>
        <description>
          <p>
            <xsl:text>Assessed through srmap control</xsl:text>
            <xsl:if test="count($citing) > 1">s</xsl:if>
            <xsl:text> </xsl:text>
            <xsl:for-each select="$citing">
              <xsl:if test="position() > 1">, </xsl:if>
              <xsl:value-of select="concat(@id, ' (', title, ')')"/>
            </xsl:for-each>
            <xsl:choose>
              <xsl:when test="count($citing) > 1"> on the workloads they apply to: </xsl:when>
              <xsl:otherwise> on the workloads it applies to: </xsl:otherwise>
            </xsl:choose>
            <xsl:value-of select="$good + $bad + $na"/>
            <xsl:text> checks, of which </xsl:text>
            <xsl:value-of select="$satisfied"/>
            <xsl:text> satisfied, </xsl:text>
            <xsl:value-of select="$inherited"/>
            <xsl:text> inherited from the provider, </xsl:text>
            <xsl:value-of select="$failed"/>
            <xsl:text> failed, </xsl:text>
            <xsl:value-of select="$missing"/>
            <xsl:text> without evidence, </xsl:text>
            <xsl:value-of select="$stale"/>
            <xsl:text> stale and </xsl:text>
            <xsl:value-of select="$na"/>
            <xsl:text> not applicable. Requirement status: </xsl:text>
            <xsl:value-of select="$status"/>
            <xsl:text>.</xsl:text>
          </p>
        </description>
        <xsl:call-template name="prop">
          <xsl:with-param name="name" select="'requirement-status'"/>
          <xsl:with-param name="value" select="$status"/>
        </xsl:call-template>
        <xsl:call-template name="tool-origin"/>
        <target type="statement-id" target-id="{$oscal}_smt">
          <title>
            <xsl:value-of select="concat('NIST SP 800-53 Rev 5 ', $id)"/>
          </title>
          <xsl:choose>
            <xsl:when test="$status = 'met' or $status = 'inherited'">
              <status state="satisfied" reason="pass"/>
              <implementation-status state="implemented"/>
            </xsl:when>
            <xsl:when test="$status = 'not-applicable'">
              <status state="satisfied" reason="other">
                <remarks><p>Not applicable to the workloads assessed.</p></remarks>
              </status>
              <implementation-status state="not-applicable"/>
            </xsl:when>
            <xsl:when test="$status = 'partially-met'">
              <status state="not-satisfied" reason="fail"/>
              <implementation-status state="partial"/>
            </xsl:when>
            <xsl:otherwise>
              <status state="not-satisfied" reason="fail"/>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:if test="$status = 'inherited'">
            <remarks><p>Every check behind this control is on a layer the provider owns: inherited from the provider's attestations.</p></remarks>
          </xsl:if>
        </target>
        <xsl:for-each select="$citing">
          <xsl:for-each select="key('evidence-by-control', @id)[@used = 'true']">
            <related-observation observation-uuid="{srmap:uuid(concat($seed, 'observation|', translate(@id, $upper, $lower)))}"/>
          </xsl:for-each>
        </xsl:for-each>
        <xsl:for-each select="$citing[@failed + @missing > 0]">
          <associated-risk risk-uuid="{srmap:uuid(concat($seed, 'risk|', @id))}"/>
        </xsl:for-each>
      </finding>
    </xsl:if>
  </xsl:template>

  <!-- ==== back matter: the plan stand-in and the inputs with their hashes ================= -->

  <xsl:template name="back-matter">
    <back-matter>
      <resource uuid="{$plan-uuid}">
        <title>Assessment plan (srmap engagement profile)</title>
        <description>
          <p>
            <xsl:text>Client </xsl:text>
            <xsl:value-of select="$client"/>
            <xsl:text>, assessor </xsl:text>
            <xsl:value-of select="$assessor"/>
            <xsl:text>, as of </xsl:text>
            <xsl:value-of select="profile/@as-of"/>
            <xsl:text>, FedRAMP baseline </xsl:text>
            <xsl:value-of select="profile/@fedramp-baseline"/>
            <xsl:text>, evidence older than </xsl:text>
            <xsl:value-of select="profile/@max-evidence-age-days"/>
            <xsl:text> days is stale.</xsl:text>
            <xsl:if test="not(profile/@file)"> No profile file was given: these are srmap's defaults.</xsl:if>
          </p>
        </description>
        <xsl:for-each select="inputs/input[@role = 'profile']">
          <xsl:call-template name="rlink"/>
        </xsl:for-each>
      </resource>
      <xsl:for-each select="inputs/input">
        <resource uuid="{srmap:uuid(concat($seed, 'input|', position(), '|', @path))}">
          <title>
            <xsl:value-of select="concat(@role, ' input ', @path)"/>
          </title>
          <xsl:call-template name="prop">
            <xsl:with-param name="name" select="'input-role'"/>
            <xsl:with-param name="value" select="@role"/>
          </xsl:call-template>
          <xsl:call-template name="prop">
            <xsl:with-param name="name" select="'records'"/>
            <xsl:with-param name="value" select="@records"/>
          </xsl:call-template>
          <xsl:call-template name="rlink"/>
        </resource>
      </xsl:for-each>
    </back-matter>
  </xsl:template>

  <xsl:template name="rlink">
    <rlink>
      <xsl:attribute name="href">
        <xsl:call-template name="uri">
          <xsl:with-param name="s" select="@path"/>
        </xsl:call-template>
      </xsl:attribute>
      <xsl:choose>
        <xsl:when test="@format = 'srmap-json'">
          <xsl:attribute name="media-type">application/json</xsl:attribute>
        </xsl:when>
        <xsl:when test="@format = 'xslt'">
          <xsl:attribute name="media-type">application/xslt+xml</xsl:attribute>
        </xsl:when>
      </xsl:choose>
      <hash algorithm="SHA-256"><xsl:value-of select="@sha256"/></hash>
    </rlink>
  </xsl:template>

</xsl:stylesheet>
