<?xml version="1.0" encoding="UTF-8"?>
<!--
  junit.xsl - the checks of an assessment as JUnit XML test results, for CI systems.

  One testsuite per control domain, one testcase per check (classname srmap.DOMAIN.CONTROL, name
  the workload id or "organisation TENANT"); a testsuite "Other controls" (DOMAIN "other") for the
  controls of a user's catalog that name no domain; and one more testsuite for the findings that
  are no check's (an unclassified workload, a missing or altered evidence artifact, no BAA on record).
  The rule, as docs/junit.md states it:
    satisfied                     passed
    failed                        failure  (the control is not in place: the evidence says so)
    missing, stale                error    (the check could not be decided on current evidence)
    inherited, not-applicable     skipped  (nothing for the customer to show)
    unclassified                  error;   artifact-missing, artifact-mismatch, no-baa: failure
  The result is valid against docs/junit.xsd, which follows the common JUnit XML schema.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:srmap="urn:srmap:xslt" exclude-result-prefixes="srmap">

  <srmap:reads parts="profile control workload organisation evidence finding"/>

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:variable name="a" select="/assessment"/>
  <xsl:variable name="controls" select="$a/control"/>
  <!-- selected once: a step from /assessment visits every workload, evidence record and finding -->
  <xsl:variable name="max-age" select="$a/profile/@max-evidence-age-days"/>
  <xsl:variable name="other"
      select="$a/finding[@status = 'unclassified' or @status = 'artifact-missing'
                         or @status = 'artifact-mismatch' or @status = 'no-baa']"/>

  <xsl:key name="control" match="/assessment/control" use="@id"/>
  <xsl:key name="controls-of" match="/assessment/control" use="@domain"/>
  <xsl:key name="checks-of" match="/assessment/workload/check | /assessment/organisation/check"
      use="@control"/>
  <xsl:key name="evidence" match="/assessment/evidence" use="@id"/>
  <xsl:key name="domain" match="/assessment/domain" use="@id"/>
  <xsl:key name="workload" match="/assessment/workload" use="@id"/>

  <xsl:template match="/">
    <testsuites
        tests="{sum($controls/@inherited) + sum($controls/@satisfied) + sum($controls/@failed)
                + sum($controls/@missing) + sum($controls/@stale) + sum($controls/@not-applicable)
                + count($other)}"
        failures="{sum($controls/@failed) + count($other[@status != 'unclassified'])}"
        errors="{sum($controls/@missing) + sum($controls/@stale)
                 + count($other[@status = 'unclassified'])}">
      <xsl:attribute name="name">
        <xsl:text>srmap assessment</xsl:text>
        <xsl:if test="string($a/profile/@client)">
          <xsl:value-of select="concat(': ', $a/profile/@client)"/>
        </xsl:if>
      </xsl:attribute>
      <xsl:for-each select="$a/domain">
        <!-- the counts from the controls' own (docs/assessment-xml.md, control): a key() over a
             node-set of controls would merge their checks, quadratically in libxml2 -->
        <xsl:variable name="controls" select="key('controls-of', @id)"/>
        <xsl:variable name="tests"
            select="sum($controls/@inherited) + sum($controls/@satisfied) + sum($controls/@failed)
                    + sum($controls/@missing) + sum($controls/@stale) + sum($controls/@not-applicable)"/>
        <xsl:if test="$tests > 0">
          <testsuite name="{@title}" id="{@id}" package="srmap.{@id}" tests="{$tests}"
              failures="{sum($controls/@failed)}"
              errors="{sum($controls/@missing) + sum($controls/@stale)}"
              skipped="{sum($controls/@inherited) + sum($controls/@not-applicable)}">
            <xsl:variable name="domain" select="@id"/>
            <!-- catalog order of the controls, then the order of the workloads -->
            <xsl:for-each select="$controls">
              <xsl:apply-templates select="key('checks-of', @id)">
                <xsl:with-param name="domain" select="$domain"/>
              </xsl:apply-templates>
            </xsl:for-each>
          </testsuite>
        </xsl:if>
      </xsl:for-each>
      <!-- a user's catalog may add controls of no domain (or of one it does not declare) -->
      <xsl:variable name="loose" select="$a/control[not(key('domain', @domain))]"/>
      <xsl:variable name="loose-tests"
          select="sum($loose/@inherited) + sum($loose/@satisfied) + sum($loose/@failed)
                  + sum($loose/@missing) + sum($loose/@stale) + sum($loose/@not-applicable)"/>
      <xsl:if test="$loose-tests > 0">
        <testsuite name="Other controls" id="other" package="srmap.other" tests="{$loose-tests}"
            failures="{sum($loose/@failed)}"
            errors="{sum($loose/@missing) + sum($loose/@stale)}"
            skipped="{sum($loose/@inherited) + sum($loose/@not-applicable)}">
          <xsl:for-each select="$loose">
            <xsl:apply-templates select="key('checks-of', @id)">
              <xsl:with-param name="domain" select="'other'"/>
            </xsl:apply-templates>
          </xsl:for-each>
        </testsuite>
      </xsl:if>
      <xsl:if test="$other">
        <testsuite name="Findings outside the checks" id="findings" package="srmap.findings"
            tests="{count($other)}" failures="{count($other[@status != 'unclassified'])}"
            errors="{count($other[@status = 'unclassified'])}" skipped="0">
          <xsl:apply-templates select="$other"/>
        </testsuite>
      </xsl:if>
    </testsuites>
  </xsl:template>

  <!-- What the check is about, as its testcase is named. -->
  <xsl:template name="subject">
    <xsl:choose>
      <xsl:when test="parent::workload"><xsl:value-of select="../@id"/></xsl:when>
      <xsl:when test="../@tenant">organisation <xsl:value-of select="../@tenant"/></xsl:when>
      <xsl:otherwise>organisation (no tenant)</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The text of a failure or error: the check, its evidence, what to do, what it cites. -->
  <xsl:template name="details">
    <xsl:param name="c"/>
    <xsl:param name="ev"/>
    <xsl:param name="subject"/>
    <xsl:value-of select="concat('Control: ', $c/@id, ' - ', $c/title, '&#10;')"/>
    <xsl:value-of select="concat('Severity: ', $c/@severity, '&#10;')"/>
    <xsl:if test="@owner">
      <xsl:value-of select="concat('Owner: ', @owner, '&#10;')"/>
    </xsl:if>
    <xsl:value-of select="concat('About: ', $subject, '&#10;')"/>
    <xsl:choose>
      <xsl:when test="$ev">
        <xsl:value-of select="concat('Evidence: ', $ev/@id, ' (', $ev/@result, ', collected ',
                                     $ev/@collected-at, ' by ', $ev/@collected-by, '; ',
                                     $ev/@file, ' line ', $ev/@line, ')&#10;')"/>
        <xsl:if test="$ev/note">
          <xsl:value-of select="concat('Note: ', $ev/note, '&#10;')"/>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise>Evidence: none on record&#10;</xsl:otherwise>
    </xsl:choose>
    <xsl:if test="$c/remediation">
      <xsl:value-of select="concat('Remediation: ', $c/remediation, '&#10;')"/>
    </xsl:if>
    <xsl:if test="$c/ref">
      <xsl:text>Cites:</xsl:text>
      <xsl:for-each select="$c/ref">
        <xsl:value-of select="concat(' ', @framework, ' ', @id)"/>
        <xsl:if test="position() != last()">,</xsl:if>
      </xsl:for-each>
      <xsl:text>&#10;</xsl:text>
    </xsl:if>
  </xsl:template>

  <xsl:template match="check">
    <xsl:param name="domain"/>
    <xsl:variable name="c" select="key('control', @control)"/>
    <xsl:variable name="ev" select="key('evidence', @evidence)"/>
    <xsl:variable name="subject"><xsl:call-template name="subject"/></xsl:variable>
    <testcase classname="srmap.{$domain}.{@control}" name="{$subject}">
      <xsl:choose>
        <xsl:when test="@status = 'failed'">
          <failure type="failed" message="{$c/title}">
            <xsl:call-template name="details">
              <xsl:with-param name="c" select="$c"/>
              <xsl:with-param name="ev" select="$ev"/>
              <xsl:with-param name="subject" select="$subject"/>
            </xsl:call-template>
          </failure>
        </xsl:when>
        <xsl:when test="@status = 'missing'">
          <error type="missing" message="No evidence: {$c/title}">
            <xsl:call-template name="details">
              <xsl:with-param name="c" select="$c"/>
              <xsl:with-param name="ev" select="$ev"/>
              <xsl:with-param name="subject" select="$subject"/>
            </xsl:call-template>
          </error>
        </xsl:when>
        <xsl:when test="@status = 'stale'">
          <error type="stale"
              message="Evidence older than {$max-age} days: {$c/title}">
            <xsl:call-template name="details">
              <xsl:with-param name="c" select="$c"/>
              <xsl:with-param name="ev" select="$ev"/>
              <xsl:with-param name="subject" select="$subject"/>
            </xsl:call-template>
          </error>
        </xsl:when>
        <xsl:when test="@status = 'inherited'">
          <skipped>
            <xsl:attribute name="message">
              <xsl:text>Inherited from the provider</xsl:text>
              <xsl:if test="string(@attestations)">
                <xsl:value-of select="concat(' (attested by ', @attestations, ')')"/>
              </xsl:if>
            </xsl:attribute>
          </skipped>
        </xsl:when>
        <xsl:when test="@status = 'not-applicable'">
          <skipped>
            <xsl:attribute name="message">
              <xsl:text>Not applicable</xsl:text>
              <xsl:if test="string(@evidence)">
                <xsl:value-of select="concat(' (evidence ', @evidence, ')')"/>
              </xsl:if>
            </xsl:attribute>
          </skipped>
        </xsl:when>
      </xsl:choose>
    </testcase>
  </xsl:template>

  <xsl:template match="finding">
    <xsl:variable name="ev" select="key('evidence', @evidence)"/>
    <xsl:variable name="w" select="key('workload', @workload)"/>
    <testcase classname="srmap.findings.{@status}">
      <xsl:attribute name="name">
        <xsl:choose>
          <xsl:when test="$w"><xsl:value-of select="$w/@id"/></xsl:when>
          <xsl:when test="$ev">evidence <xsl:value-of select="$ev/@id"/></xsl:when>
          <xsl:otherwise>engagement</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <xsl:variable name="text">
        <xsl:value-of select="concat('Severity: ', @severity, '&#10;')"/>
        <xsl:if test="$ev">
          <xsl:value-of select="concat('Evidence: ', $ev/@id, ' (artifact ', $ev/@artifact, '; ',
                                       $ev/@file, ' line ', $ev/@line, ')&#10;')"/>
        </xsl:if>
        <xsl:value-of select="concat('Remediation: ', remediation, '&#10;')"/>
      </xsl:variable>
      <xsl:choose>
        <xsl:when test="@status = 'unclassified'">
          <error type="{@status}" message="{title}"><xsl:value-of select="$text"/></error>
        </xsl:when>
        <xsl:otherwise>
          <failure type="{@status}" message="{title}"><xsl:value-of select="$text"/></failure>
        </xsl:otherwise>
      </xsl:choose>
    </testcase>
  </xsl:template>

</xsl:stylesheet>
