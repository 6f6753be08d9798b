<?xml version="1.0" encoding="UTF-8"?>
<!--
  report-pdf.xsl - srmap's default PDF report template.

  Turns the canonical assessment XML (docs/assessment-xml.md) into layout XML
  (docs/layout.md), which srmap lays out and draws with libharu.  Plain XSLT 1.0.

  Reading order: cover, contents, executive summary (one page), scope and method, the
  responsibility model, the workload inventory, findings, one section per framework in scope,
  then the appendices (evidence register, methodology, provenance of the run).  With the
  parameter inventory-appendix=yes the inventory becomes the first appendix instead.

  Parameters (all optional): inventory-appendix (no), finding-rows-max (40: larger groups of
  findings become compact lists of workload names), distinct-max (25: subscriptions, tenants
  and evidence collectors listed by name; the rest are one row), pdf-detail (full, or summary:
  srmap sets it from its pdf-detail option; a summary report lists at most summary-rows (25)
  findings of each control, workloads of each service model and evidence records, and says
  where the rest are), and three that srmap sets when it embeds the evidence artifacts in the
  PDF (the attach-evidence option of srmap assess):
    attachments          the records whose artifact is attached to the PDF: a line feed, then
                         for each record its id, a tab, the attachment's name in the PDF and
                         a line feed (empty when nothing is attached);
    attachments-skipped  the records whose artifact was not attached because of the size
                         limit: a line feed, then each record's id followed by a line feed
                         (empty when none);
    attach-limit         the size limit in bytes, as a decimal number ('' when not attaching).

  Speed: the assessment of a large estate holds tens of thousands of checks and findings.
  Every count shown comes from the counts srmap wrote (summary, control, requirement,
  framework and workload attributes; the summary's subscription, tenant and collector lists);
  lookups go through xsl:key; nothing is grouped with the Muenchian method, counted over all
  checks, or sorted to find distinct values.  Findings are grouped by severity and control by
  looking up each (severity, control) pair, which costs one key lookup per pair.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>
  <xsl:strip-space elements="*"/>

  <!-- ==== lookups ============================================================================ -->

  <xsl:key name="workload" match="/assessment/workload" use="@id"/>
  <xsl:key name="removed-workload" match="/assessment/drift/workload-removed" use="@id"/>
  <xsl:key name="control" match="/assessment/control" use="@id"/>
  <xsl:key name="ctl-by-domain" match="/assessment/control" use="@domain"/>
  <xsl:key name="evidence" match="/assessment/evidence" use="@id"/>
  <xsl:key name="layer" match="/assessment/matrix/row" use="@layer"/>
  <xsl:key name="wl-by-model" match="/assessment/workload" use="@service-model"/>
  <xsl:key name="ev-by-control" match="/assessment/evidence" use="@control"/>
  <!-- Findings about a control on a workload or across an organisation (most of them) ... -->
  <xsl:key name="f-by-sev-ctl" match="/assessment/finding[@control and (@workload or @scope = 'organisation')]"
           use="concat(@severity, '|', @control)"/>
  <xsl:key name="f-by-sev-ctl-ev" match="/assessment/finding[@control and (@workload or @scope = 'organisation') and @evidence]"
           use="concat(@severity, '|', @control, '|', @evidence)"/>
  <!-- ... and the others (an unclassified workload, an evidence artifact that is missing or
       changed, no BAA on record, and any status added later), grouped by severity and status. -->
  <xsl:key name="f-other" match="/assessment/finding[not(@control and (@workload or @scope = 'organisation'))]"
           use="concat(@severity, '|', @status)"/>

  <!-- ==== settings and common values ========================================================= -->

  <!-- The workload inventory follows the responsibility model; with "yes" it becomes the first
       appendix instead (a long inventory then does not push the findings back). -->
  <xsl:param name="inventory-appendix" select="'no'"/>
  <xsl:variable name="inventory-in-appendix" select="$inventory-appendix = 'yes'"/>
  <!-- Appendix letters: A, B, ... in order, the inventory first when it is an appendix. -->
  <xsl:variable name="app-evidence" select="substring('AB', 1 + number($inventory-in-appendix), 1)"/>
  <xsl:variable name="app-method" select="substring('BC', 1 + number($inventory-in-appendix), 1)"/>
  <xsl:variable name="app-provenance" select="substring('CD', 1 + number($inventory-in-appendix), 1)"/>
  <xsl:variable name="app-coverage" select="substring('DE', 1 + number($inventory-in-appendix), 1)"/>

  <!-- Groups of findings larger than this are listed as compact name lists instead of a table. -->
  <xsl:param name="finding-rows-max" select="40"/>
  <!-- At most this many subscriptions, tenants and evidence collectors are listed by name. -->
  <xsl:param name="distinct-max" select="25"/>
  <!-- "summary": the per-workload lists (findings of a control, the inventory, the evidence
       register) stop after summary-rows entries, for estates where a PDF of thousands of pages
       helps nobody; the assessment XML and the matrix keep every row. -->
  <xsl:param name="pdf-detail" select="'full'"/>
  <xsl:param name="summary-rows" select="25"/>
  <xsl:variable name="brief" select="$pdf-detail = 'summary'"/>
  <!-- Set by srmap when it attaches evidence artifacts; see the header. -->
  <xsl:param name="attachments" select="''"/>
  <xsl:param name="attachments-skipped" select="''"/>
  <xsl:param name="attach-limit" select="''"/>

  <xsl:variable name="a" select="/assessment"/>
  <!-- Statuses of findings that are not about a control on a workload, each a group of its own;
       findings with any other such status are grouped together as "other findings". -->
  <xsl:variable name="other-statuses" select="'|unclassified|no-baa|artifact-missing|artifact-mismatch|'"/>
  <xsl:variable name="unknown-others"
                select="/assessment/finding[not(@control and (@workload or @scope = 'organisation'))][not(contains($other-statuses, concat('|', @status, '|')))]"/>
  <xsl:variable name="profile" select="/assessment/profile"/>
  <xsl:variable name="summary" select="/assessment/summary"/>
  <xsl:variable name="client" select="string($profile/@client)"/>
  <xsl:variable name="assessor" select="string($profile/@assessor)"/>
  <xsl:variable name="doc-title" select="concat('Shared-responsibility assessment — ', $client)"/>
  <xsl:variable name="brand">
    <xsl:choose>
      <xsl:when test="string-length($profile/branding/@color) = 7">
        <xsl:value-of select="$profile/branding/@color"/>
      </xsl:when>
      <xsl:otherwise>#1F4E79</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="frameworks" select="/assessment/framework"/>
  <xsl:variable name="nfw" select="count($frameworks)"/>
  <xsl:variable name="as-of">
    <xsl:call-template name="time"><xsl:with-param name="t" select="$a/@as-of"/></xsl:call-template>
  </xsl:variable>
  <xsl:variable name="baseline">
    <xsl:call-template name="baseline-name">
      <xsl:with-param name="b" select="$profile/@fedramp-baseline"/>
    </xsl:call-template>
  </xsl:variable>
  <xsl:variable name="nlayers" select="count($a/matrix/row)"/>
  <xsl:variable name="n-critical" select="number($summary/severity-count[@severity = 'critical']/@count)"/>
  <xsl:variable name="n-high" select="number($summary/severity-count[@severity = 'high']/@count)"/>
  <xsl:variable name="n-medium" select="number($summary/severity-count[@severity = 'medium']/@count)"/>
  <xsl:variable name="n-low" select="number($summary/severity-count[@severity = 'low']/@count)"/>
  <xsl:variable name="n-findings" select="number($summary/@findings)"/>

  <!-- Owner shades: distinct in hue and in lightness (greyscale print), dark text on all. -->
  <xsl:variable name="shade-provider" select="'#E1E7EE'"/>
  <xsl:variable name="shade-shared" select="'#F3D48E'"/>
  <xsl:variable name="shade-customer" select="'#A9C6E2'"/>
  <xsl:variable name="shade-muted" select="'#F2F2F2'"/>

  <xsl:variable name="n-subscriptions" select="number($summary/@subscriptions)"/>
  <xsl:variable name="n-tenants" select="number($summary/@tenants)"/>

  <!-- "HIPAA, SOC 2 and FedRAMP (Moderate baseline)" -->
  <xsl:variable name="scope-text">
    <xsl:for-each select="$profile/scope">
      <xsl:if test="position() &gt; 1">
        <xsl:choose>
          <xsl:when test="position() = last()"> and </xsl:when>
          <xsl:otherwise>, </xsl:otherwise>
        </xsl:choose>
      </xsl:if>
      <xsl:call-template name="framework-name"><xsl:with-param name="id" select="@framework"/></xsl:call-template>
      <xsl:if test="@framework = 'fedramp'">
        <xsl:value-of select="concat(' (', $baseline, ' baseline)')"/>
      </xsl:if>
    </xsl:for-each>
  </xsl:variable>

  <!-- ==== document ============================================================================ -->

  <xsl:template match="/">
    <xsl:apply-templates select="assessment"/>
  </xsl:template>

  <xsl:template match="assessment">
    <document page-size="A4" margin-top="20mm" margin-bottom="20mm" margin-left="20mm"
              margin-right="20mm" base-size="9.5">
      <xsl:attribute name="title"><xsl:value-of select="$doc-title"/></xsl:attribute>
      <xsl:attribute name="author"><xsl:value-of select="$assessor"/></xsl:attribute>
      <xsl:attribute name="subject">
        <xsl:value-of select="concat('Shared-responsibility compliance assessment of ', $client,
                                     ' against ', $scope-text, ', as of ', $as-of)"/>
      </xsl:attribute>
      <xsl:attribute name="keywords">
        <xsl:text>shared responsibility, cloud security, compliance assessment</xsl:text>
        <xsl:for-each select="$profile/scope">
          <xsl:text>, </xsl:text>
          <xsl:call-template name="framework-name"><xsl:with-param name="id" select="@framework"/></xsl:call-template>
        </xsl:for-each>
        <xsl:value-of select="concat(', ', $client)"/>
      </xsl:attribute>
      <xsl:attribute name="creator"><xsl:value-of select="concat('srmap ', @tool-version)"/></xsl:attribute>
      <xsl:attribute name="brand-color"><xsl:value-of select="$brand"/></xsl:attribute>
      <xsl:attribute name="created"><xsl:value-of select="@generated"/></xsl:attribute>
      <!-- the PDF's /Lang: the profile's language when the assessment records one; this
           template's text is English -->
      <xsl:attribute name="lang">
        <xsl:choose>
          <xsl:when test="string($profile/@language)"><xsl:value-of select="$profile/@language"/></xsl:when>
          <xsl:otherwise>en</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>

      <running-header left="Shared-responsibility assessment">
        <xsl:attribute name="right"><xsl:value-of select="$client"/></xsl:attribute>
      </running-header>
      <running-footer right="Page {{page}} of {{pages}}">
        <xsl:if test="string($profile/@marking)">
          <xsl:attribute name="left"><xsl:value-of select="$profile/@marking"/></xsl:attribute>
        </xsl:if>
      </running-footer>

      <xsl:call-template name="cover"/>
      <toc title="Contents"/>
      <xsl:call-template name="executive-summary"/>
      <xsl:apply-templates select="drift"/>
      <xsl:call-template name="scope-and-method"/>
      <xsl:call-template name="responsibility-model"/>
      <xsl:call-template name="controls-by-domain"/>
      <xsl:if test="not($inventory-in-appendix)"><xsl:call-template name="inventory"/></xsl:if>
      <xsl:call-template name="findings"/>
      <xsl:apply-templates select="framework"/>
      <xsl:if test="$inventory-in-appendix"><xsl:call-template name="inventory"/></xsl:if>
      <xsl:call-template name="evidence-register"/>
      <xsl:call-template name="methodology"/>
      <xsl:call-template name="provenance"/>
      <xsl:call-template name="coverage"/>
    </document>
  </xsl:template>

  <!-- ==== changes since the previous assessment (srmap assess with a baseline) ============== -->

  <xsl:variable name="drift-max" select="200"/>

  <xsl:template match="drift">
    <h1 id="drift">Changes since the previous assessment</h1>
    <p>
      <xsl:text>Compared with the assessment generated </xsl:text>
      <xsl:call-template name="time"><xsl:with-param name="t" select="@baseline-generated"/></xsl:call-template>
      <xsl:text> (</xsl:text><code><xsl:value-of select="@baseline"/></code><xsl:text>): </xsl:text>
      <xsl:call-template name="count-of"><xsl:with-param name="n" select="@new"/><xsl:with-param name="one" select="'new finding'"/></xsl:call-template>
      <xsl:text>, </xsl:text>
      <xsl:call-template name="count-of"><xsl:with-param name="n" select="@resolved"/><xsl:with-param name="one" select="'resolved finding'"/></xsl:call-template>
      <xsl:text>, </xsl:text>
      <xsl:call-template name="count-of"><xsl:with-param name="n" select="@changed"/><xsl:with-param name="one" select="'changed finding'"/></xsl:call-template>
      <xsl:text>; </xsl:text>
      <xsl:call-template name="count-of"><xsl:with-param name="n" select="count(workload-added)"/><xsl:with-param name="one" select="'workload'"/></xsl:call-template>
      <xsl:text> added and </xsl:text>
      <xsl:value-of select="format-number(count(workload-removed), '#,##0')"/>
      <xsl:text> removed. Findings are matched by workload and control, not by their position in the report.</xsl:text>
    </p>
    <xsl:if test="score-change">
      <keep>
        <h2 id="drift-scores">Scores</h2>
        <table widths="40% 20% 20% 20%" zebra="yes">
          <thead><row><cell>Score</cell><cell align="right">Previous</cell><cell align="right">Now</cell><cell align="right">Change</cell></row></thead>
          <xsl:for-each select="score-change">
            <row>
              <cell>
                <xsl:choose>
                  <xsl:when test="@score = 'overall'">Overall</xsl:when>
                  <xsl:otherwise><xsl:call-template name="framework-name"><xsl:with-param name="id" select="@score"/></xsl:call-template></xsl:otherwise>
                </xsl:choose>
              </cell>
              <cell align="right"><xsl:call-template name="drift-score"><xsl:with-param name="v" select="@old"/></xsl:call-template></cell>
              <cell align="right"><xsl:call-template name="drift-score"><xsl:with-param name="v" select="@new"/></xsl:call-template></cell>
              <cell align="right">
                <xsl:choose>
                  <xsl:when test="string(@old) = '' or string(@new) = ''">—</xsl:when>
                  <xsl:when test="number(@new) = number(@old)">no change</xsl:when>
                  <xsl:when test="number(@new) &gt; number(@old)"><xsl:value-of select="concat('+', format-number(@new - @old, '0.0'))"/></xsl:when>
                  <xsl:otherwise><xsl:value-of select="format-number(@new - @old, '0.0')"/></xsl:otherwise>
                </xsl:choose>
              </cell>
            </row>
          </xsl:for-each>
        </table>
      </keep>
    </xsl:if>
    <xsl:call-template name="drift-findings">
      <xsl:with-param name="title" select="'New findings'"/>
      <xsl:with-param name="id" select="'drift-new'"/>
      <xsl:with-param name="items" select="new-finding"/>
      <xsl:with-param name="none" select="'No finding is new since the previous assessment.'"/>
    </xsl:call-template>
    <xsl:call-template name="drift-findings">
      <xsl:with-param name="title" select="'Resolved findings'"/>
      <xsl:with-param name="id" select="'drift-resolved'"/>
      <xsl:with-param name="items" select="resolved-finding"/>
      <xsl:with-param name="status-title" select="'Last status'"/>
      <xsl:with-param name="none" select="'No finding of the previous assessment has been resolved.'"/>
    </xsl:call-template>
    <xsl:if test="changed-finding">
      <h2 id="drift-changed">Findings whose status or severity changed</h2>
      <table widths="30% 30% 20% 20%" zebra="yes">
        <thead><row><cell>Control</cell><cell>Workload</cell><cell>Previous</cell><cell>Now</cell></row></thead>
        <xsl:for-each select="changed-finding[position() &lt;= $drift-max]">
          <row>
            <cell><xsl:call-template name="drift-control"/></cell>
            <cell><xsl:call-template name="drift-workload"/></cell>
            <cell>
              <xsl:call-template name="status-badge"><xsl:with-param name="s" select="@old-status"/></xsl:call-template>
              <xsl:value-of select="concat(' ', @old-severity)"/>
            </cell>
            <cell>
              <xsl:call-template name="status-badge"><xsl:with-param name="s" select="@status"/></xsl:call-template>
              <xsl:value-of select="concat(' ', @severity)"/>
            </cell>
          </row>
        </xsl:for-each>
      </table>
      <xsl:call-template name="drift-more"><xsl:with-param name="n" select="count(changed-finding)"/></xsl:call-template>
    </xsl:if>
    <xsl:if test="workload-added or workload-removed">
      <h2 id="drift-workloads">Workloads added and removed</h2>
      <table widths="15% 30% 55%" zebra="yes">
        <thead><row><cell>Change</cell><cell>Workload</cell><cell>Id</cell></row></thead>
        <xsl:for-each select="workload-added[position() &lt;= $drift-max] | workload-removed[position() &lt;= $drift-max]">
          <row>
            <cell><xsl:choose><xsl:when test="self::workload-added">added</xsl:when><xsl:otherwise>removed</xsl:otherwise></xsl:choose></cell>
            <cell><xsl:value-of select="@name"/></cell>
            <cell><code><xsl:value-of select="@id"/></code></cell>
          </row>
        </xsl:for-each>
      </table>
      <xsl:call-template name="drift-more"><xsl:with-param name="n" select="count(workload-added) + count(workload-removed)"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="drift-findings">
    <xsl:param name="title"/>
    <xsl:param name="id"/>
    <xsl:param name="items"/>
    <xsl:param name="none"/>
    <xsl:param name="status-title" select="'Status'"/>
    <h2 id="{$id}"><xsl:value-of select="$title"/></h2>
    <xsl:choose>
      <xsl:when test="not($items)"><p><xsl:value-of select="$none"/></p></xsl:when>
      <xsl:otherwise>
        <table widths="14% 36% 34% 16%" zebra="yes">
          <thead><row><cell>Severity</cell><cell>Control</cell><cell>Workload</cell><cell><xsl:value-of select="$status-title"/></cell></row></thead>
          <xsl:for-each select="$items[position() &lt;= $drift-max]">
            <row>
              <cell><badge status="{@severity}"><xsl:value-of select="@severity"/></badge></cell>
              <cell><xsl:call-template name="drift-control"/></cell>
              <cell><xsl:call-template name="drift-workload"/></cell>
              <cell><xsl:call-template name="status-badge"><xsl:with-param name="s" select="@status"/></xsl:call-template></cell>
            </row>
          </xsl:for-each>
        </table>
        <xsl:call-template name="drift-more"><xsl:with-param name="n" select="count($items)"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Context: a drift entry.  The control's title when the catalog still has it. -->
  <xsl:template name="drift-control">
    <xsl:variable name="c" select="key('control', @control)"/>
    <xsl:choose>
      <xsl:when test="$c"><xsl:value-of select="$c/title"/></xsl:when>
      <xsl:when test="@control"><code><xsl:value-of select="@control"/></code></xsl:when>
      <xsl:when test="@status = 'unclassified'">Workload type not in the catalog</xsl:when>
      <xsl:when test="@status = 'no-baa'">No business associate agreement on record</xsl:when>
      <xsl:otherwise><xsl:value-of select="@status"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Context: a drift entry.  Removed workloads are no longer in this report: show their id. -->
  <xsl:template name="drift-workload">
    <xsl:choose>
      <xsl:when test="@workload and not(key('workload', @workload)) and key('removed-workload', @workload)">
        <xsl:value-of select="key('removed-workload', @workload)/@name"/>
        <xsl:text> (removed)</xsl:text>
      </xsl:when>
      <xsl:when test="@workload">
        <xsl:call-template name="workload-label">
          <xsl:with-param name="w" select="key('workload', @workload)"/>
          <xsl:with-param name="id" select="@workload"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>—</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="drift-score">
    <xsl:param name="v"/>
    <xsl:choose>
      <xsl:when test="string($v) = ''">—</xsl:when>
      <xsl:otherwise><xsl:value-of select="format-number($v, '0.0')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="drift-more">
    <xsl:param name="n"/>
    <xsl:if test="$n &gt; $drift-max">
      <p><i>
        <xsl:value-of select="concat('The first ', $drift-max, ' of ', format-number($n, '#,##0'), ' are listed; srmap diff --json prints them all.')"/>
      </i></p>
    </xsl:if>
  </xsl:template>

  <!-- ==== cover =============================================================================== -->

  <xsl:template name="cover">
    <cover>
      <xsl:choose>
        <xsl:when test="$profile/branding/@logo">
          <image width="45mm" align="left">
            <xsl:attribute name="src"><xsl:value-of select="$profile/branding/@logo"/></xsl:attribute>
          </image>
          <spacer height="30mm"/>
        </xsl:when>
        <xsl:otherwise><spacer height="50mm"/></xsl:otherwise>
      </xsl:choose>
      <p size="26" space-after="4mm"><xsl:attribute name="color"><xsl:value-of select="$brand"/></xsl:attribute><b>Shared-responsibility assessment</b></p>
      <p size="18" space-after="14mm"><xsl:value-of select="$client"/></p>
      <table widths="30% 70%" size="10" zebra="no">
        <row><cell><b>Prepared by</b></cell><cell><xsl:value-of select="$assessor"/></cell></row>
        <row><cell><b>Prepared for</b></cell><cell><xsl:value-of select="$client"/></cell></row>
        <row><cell><b>As of</b></cell><cell><xsl:value-of select="$as-of"/></cell></row>
        <row>
          <cell><b>Scope</b></cell>
          <cell>
            <xsl:call-template name="count-of">
              <xsl:with-param name="n" select="$summary/@workloads"/>
              <xsl:with-param name="one" select="'workload'"/>
            </xsl:call-template>
            <xsl:text>, assessed against </xsl:text>
            <xsl:value-of select="$scope-text"/>
          </cell>
        </row>
        <row>
          <cell><b>Version</b></cell>
          <cell>
            <xsl:value-of select="concat('srmap ', @tool-version, ', catalog ', @catalog-version)"/>
          </cell>
        </row>
        <row>
          <cell><b>Generated</b></cell>
          <cell><xsl:call-template name="time"><xsl:with-param name="t" select="@generated"/></xsl:call-template></cell>
        </row>
      </table>
      <spacer height="40mm"/>
      <xsl:if test="string($profile/@marking)">
        <p size="11"><b><xsl:value-of select="$profile/@marking"/></b></p>
      </xsl:if>
    </cover>
  </xsl:template>

  <!-- ==== executive summary ================================================================== -->

  <xsl:template name="executive-summary">
    <h1 id="summary">Executive summary</h1>
    <p size="11" space-after="4mm"><xsl:call-template name="verdict"/></p>

    <!-- Scores: overall, then one per framework in scope. -->
    <xsl:variable name="decided" select="$summary/@decided"/>
    <table size="9" zebra="no">
      <xsl:attribute name="widths">
        <xsl:text>16% </xsl:text>
        <xsl:call-template name="equal-widths">
          <xsl:with-param name="n" select="1 + $nfw"/>
          <xsl:with-param name="total" select="84"/>
        </xsl:call-template>
      </xsl:attribute>
      <thead>
        <row>
          <cell/>
          <cell align="center">Overall</cell>
          <xsl:for-each select="$frameworks">
            <cell align="center">
              <link to="fw-{@id}"><xsl:call-template name="framework-label"/></link>
            </cell>
          </xsl:for-each>
        </row>
      </thead>
      <row>
        <cell><b>Score</b></cell>
        <cell align="center"><b><xsl:call-template name="score-text"><xsl:with-param name="s" select="$summary/@overall-score"/></xsl:call-template></b></cell>
        <xsl:for-each select="$frameworks">
          <cell align="center"><b><xsl:call-template name="score-text"><xsl:with-param name="s" select="@score"/></xsl:call-template></b></cell>
        </xsl:for-each>
      </row>
      <row>
        <cell>Basis</cell>
        <cell align="center">
          <xsl:call-template name="count-of"><xsl:with-param name="n" select="$decided"/><xsl:with-param name="one" select="'decided check'"/></xsl:call-template>
        </cell>
        <xsl:for-each select="$frameworks">
          <cell align="center">
            <xsl:value-of select="concat(format-number(@assessed, '#,##0'),
                                         ' of ', format-number(@requirements, '#,##0'), ' assessed')"/>
            <br/>
            <xsl:value-of select="concat('coverage ', @coverage, ' %')"/>
          </cell>
        </xsl:for-each>
      </row>
    </table>
    <p size="8.5">Overall: the share of decided checks that are satisfied or inherited. Framework score: (met + inherited + ½ × partially met) / assessed requirements. See the <link to="method-scores">methodology</link>.</p>

    <h2 toc="no">Findings by severity</h2>
    <table widths="25% 25% 25% 25%" size="9" zebra="no">
      <row>
        <xsl:call-template name="severity-tile"><xsl:with-param name="sev" select="'critical'"/><xsl:with-param name="n" select="$n-critical"/></xsl:call-template>
        <xsl:call-template name="severity-tile"><xsl:with-param name="sev" select="'high'"/><xsl:with-param name="n" select="$n-high"/></xsl:call-template>
        <xsl:call-template name="severity-tile"><xsl:with-param name="sev" select="'medium'"/><xsl:with-param name="n" select="$n-medium"/></xsl:call-template>
        <xsl:call-template name="severity-tile"><xsl:with-param name="sev" select="'low'"/><xsl:with-param name="n" select="$n-low"/></xsl:call-template>
      </row>
    </table>

    <h2 toc="no">The most important gaps</h2>
    <xsl:choose>
      <xsl:when test="$n-findings = 0">
        <p>There are no findings: every applicable check on a layer the client owns or shares is satisfied by current evidence or not applicable, and the provider’s layers are inherited.</p>
      </xsl:when>
      <xsl:otherwise>
        <ul>
          <!-- The first three findings name the gaps; findings of the same control are one gap. -->
          <xsl:for-each select="$a/control[key('f-by-sev-ctl', concat('critical|', @id)) or key('f-by-sev-ctl', concat('high|', @id))
                                           or key('f-by-sev-ctl', concat('medium|', @id)) or key('f-by-sev-ctl', concat('low|', @id))]
                                | (key('f-other', 'critical|unclassified')[1] | key('f-other', 'high|unclassified')[1]
                                   | key('f-other', 'medium|unclassified')[1] | key('f-other', 'low|unclassified')[1])[1]
                                | (key('f-other', 'critical|no-baa')[1] | key('f-other', 'high|no-baa')[1]
                                   | key('f-other', 'medium|no-baa')[1] | key('f-other', 'low|no-baa')[1])[1]
                                | (key('f-other', 'critical|artifact-missing')[1] | key('f-other', 'high|artifact-missing')[1]
                                   | key('f-other', 'medium|artifact-missing')[1] | key('f-other', 'low|artifact-missing')[1])[1]
                                | (key('f-other', 'critical|artifact-mismatch')[1] | key('f-other', 'high|artifact-mismatch')[1]
                                   | key('f-other', 'medium|artifact-mismatch')[1] | key('f-other', 'low|artifact-mismatch')[1])[1]
                                | $unknown-others[1]">
            <!-- In the order of the first finding of each: finding ids (F-0001, ...) number the
                 findings in the order srmap sorted them (severity, workload, control). -->
            <xsl:sort select="substring((key('f-by-sev-ctl', concat('critical|', self::control/@id))[1]
                                         | key('f-by-sev-ctl', concat('high|', self::control/@id))[1]
                                         | key('f-by-sev-ctl', concat('medium|', self::control/@id))[1]
                                         | key('f-by-sev-ctl', concat('low|', self::control/@id))[1]
                                         | self::finding)/@id, 3)"
                      data-type="number"/>
            <xsl:if test="position() &lt;= 3">
              <li><xsl:call-template name="gap"/></li>
            </xsl:if>
          </xsl:for-each>
        </ul>
      </xsl:otherwise>
    </xsl:choose>

    <xsl:if test="$nfw &gt; 0">
      <!-- about 6 mm a bar: two bars (one framework) do not swell to fill a fixed height -->
      <chart type="bar" width="170mm" max="100" unit="%"
             title="Score and coverage of each framework (%)">
        <xsl:attribute name="height"><xsl:value-of select="concat(4 + 5.5 * (count($frameworks[@score]) + $nfw), 'mm')"/></xsl:attribute>
        <series name="Score and coverage (%)">
          <xsl:attribute name="color"><xsl:value-of select="$brand"/></xsl:attribute>
          <xsl:for-each select="$frameworks">
            <xsl:variable name="label"><xsl:call-template name="framework-label"/></xsl:variable>
            <xsl:if test="@score">
              <point label="{$label} score" value="{@score}"/>
            </xsl:if>
            <point label="{$label} coverage" value="{@coverage}"/>
          </xsl:for-each>
        </series>
      </chart>
    </xsl:if>
    <chart type="donut" width="170mm" height="42mm" title="Who owns the security layers (workloads × layers)">
      <series name="Owner">
        <xsl:for-each select="$summary/owner-count">
          <point value="{@count}">
            <xsl:attribute name="label"><xsl:call-template name="owner-name"><xsl:with-param name="o" select="@owner"/></xsl:call-template></xsl:attribute>
          </point>
        </xsl:for-each>
      </series>
    </chart>
  </xsl:template>

  <!-- One sentence of verdict, from the overall score and the most severe findings. -->
  <xsl:template name="verdict">
    <xsl:variable name="s" select="$summary/@overall-score"/>
    <xsl:choose>
      <xsl:when test="not($s)">
        <xsl:value-of select="concat('No check could be decided for ', $client,
          ': every control that applies was found not applicable, so no score can be given.')"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$client"/>
        <xsl:text>’s side of the shared responsibility is </xsl:text>
        <b>
          <xsl:choose>
            <xsl:when test="$s &gt;= 90">largely in place</xsl:when>
            <xsl:when test="$s &gt;= 75">mostly in place, with gaps to close</xsl:when>
            <xsl:when test="$s &gt;= 50">only partly in place</xsl:when>
            <xsl:otherwise>not yet in place for most checks</xsl:otherwise>
          </xsl:choose>
        </b>
        <xsl:value-of select="concat(': ', $s, ' % of the decided checks are satisfied or inherited from the provider, and ')"/>
        <xsl:choose>
          <xsl:when test="$n-critical + $n-high &gt; 0">
            <xsl:if test="$n-critical &gt; 0">
              <xsl:value-of select="format-number($n-critical, '#,##0')"/>
              <xsl:text> critical</xsl:text>
              <xsl:if test="$n-high &gt; 0"> and </xsl:if>
            </xsl:if>
            <xsl:if test="$n-high &gt; 0">
              <xsl:value-of select="format-number($n-high, '#,##0')"/>
              <xsl:text> high-severity</xsl:text>
            </xsl:if>
            <xsl:choose>
              <xsl:when test="$n-critical + $n-high = 1"> finding needs attention first.</xsl:when>
              <xsl:otherwise> findings need attention first.</xsl:otherwise>
            </xsl:choose>
          </xsl:when>
          <xsl:when test="$n-findings &gt; 0">
            <xsl:text>no finding is critical or high (</xsl:text>
            <xsl:call-template name="count-of">
              <xsl:with-param name="n" select="$n-findings"/>
              <xsl:with-param name="one" select="'medium or low finding'"/>
              <xsl:with-param name="many" select="'medium and low findings'"/>
            </xsl:call-template>
            <xsl:text>).</xsl:text>
          </xsl:when>
          <xsl:otherwise>there are no findings.</xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="severity-tile">
    <xsl:param name="sev"/>
    <xsl:param name="n"/>
    <cell align="center">
      <badge status="{$sev}"><xsl:call-template name="status-name"><xsl:with-param name="s" select="$sev"/></xsl:call-template></badge>
      <xsl:text> </xsl:text>
      <b><xsl:value-of select="format-number($n, '#,##0')"/></b>
    </cell>
  </xsl:template>

  <!-- One gap in plain words.  Context: a control with findings, or the first unclassified finding. -->
  <xsl:template name="gap">
    <xsl:choose>
      <xsl:when test="self::control">
        <xsl:variable name="fs" select="key('f-by-sev-ctl', concat('critical|', @id)) | key('f-by-sev-ctl', concat('high|', @id))
                                        | key('f-by-sev-ctl', concat('medium|', @id)) | key('f-by-sev-ctl', concat('low|', @id))"/>
        <xsl:variable name="first" select="$fs[1]"/>
        <xsl:variable name="n" select="count($fs)"/>
        <badge status="{$first/@severity}"><xsl:call-template name="status-name"><xsl:with-param name="s" select="$first/@severity"/></xsl:call-template></badge>
        <xsl:text> </xsl:text>
        <link to="f-{$first/@severity}-{@id}"><b><xsl:value-of select="title"/></b></link>
        <xsl:variable name="nf" select="count($fs[@status = 'failed'])"/>
        <xsl:variable name="nm" select="count($fs[@status = 'missing'])"/>
        <xsl:variable name="ns" select="count($fs[@status = 'stale'])"/>
        <xsl:variable name="who">
          <xsl:choose>
            <xsl:when test="$first/@scope = 'organisation' and $n = 1">the organisation as a whole</xsl:when>
            <xsl:when test="$first/@scope = 'organisation'">
              <xsl:value-of select="concat(format-number($n, '#,##0'), ' organisations (tenants) as a whole')"/>
            </xsl:when>
            <xsl:when test="$n = 1"><xsl:value-of select="key('workload', $first/@workload)/@name"/></xsl:when>
            <xsl:otherwise>
              <xsl:value-of select="concat(format-number($n, '#,##0'), ' workloads, including ',
                                           key('workload', $first/@workload)/@name)"/>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:choose>
          <xsl:when test="$nf = $n"><xsl:value-of select="concat(' failed on ', $who)"/></xsl:when>
          <xsl:when test="$nm = $n"><xsl:value-of select="concat(' has no evidence for ', $who)"/></xsl:when>
          <xsl:when test="$ns = $n"><xsl:value-of select="concat(' has evidence out of date for ', $who)"/></xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="concat(' is a gap on ', $who, ' (')"/>
            <xsl:call-template name="gap-statuses">
              <xsl:with-param name="failed" select="$nf"/>
              <xsl:with-param name="missing" select="$nm"/>
              <xsl:with-param name="stale" select="$ns"/>
            </xsl:call-template>
            <xsl:text>)</xsl:text>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:text>. </xsl:text>
        <xsl:call-template name="first-sentence"><xsl:with-param name="text" select="remediation"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="@status = 'unclassified'">
        <xsl:variable name="n" select="count(key('f-other', 'critical|unclassified') | key('f-other', 'high|unclassified')
                                             | key('f-other', 'medium|unclassified') | key('f-other', 'low|unclassified'))"/>
        <badge status="{@severity}"><xsl:call-template name="status-name"><xsl:with-param name="s" select="@severity"/></xsl:call-template></badge>
        <xsl:text> </xsl:text>
        <link to="f-{@severity}-unclassified"><b>Workloads the catalog does not classify</b></link>
        <xsl:text>: </xsl:text>
        <xsl:call-template name="count-of">
          <xsl:with-param name="n" select="$n"/>
          <xsl:with-param name="one" select="'workload'"/>
        </xsl:call-template>
        <xsl:value-of select="concat(' (', key('workload', @workload)/@name)"/>
        <xsl:if test="$n &gt; 1"> and others</xsl:if>
        <xsl:text>) have a type srmap does not know, so who owns their layers is undecided and every layer is treated as the client’s. </xsl:text>
        <xsl:call-template name="first-sentence"><xsl:with-param name="text" select="remediation"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="group">
          <xsl:call-template name="other-group-key"/>
        </xsl:variable>
        <xsl:variable name="n">
          <xsl:choose>
            <xsl:when test="$group = 'other'"><xsl:value-of select="count($unknown-others)"/></xsl:when>
            <xsl:otherwise>
              <xsl:value-of select="count(key('f-other', concat('critical|', @status)) | key('f-other', concat('high|', @status))
                                          | key('f-other', concat('medium|', @status)) | key('f-other', concat('low|', @status)))"/>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <badge status="{@severity}"><xsl:call-template name="status-name"><xsl:with-param name="s" select="@severity"/></xsl:call-template></badge>
        <xsl:text> </xsl:text>
        <link to="f-{@severity}-{$group}"><b><xsl:call-template name="other-group-title"/></b></link>
        <xsl:if test="$n &gt; 1">
          <xsl:value-of select="concat(' (', format-number($n, '#,##0'), ' findings)')"/>
        </xsl:if>
        <xsl:text>. </xsl:text>
        <xsl:call-template name="first-sentence"><xsl:with-param name="text" select="remediation"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The group of a finding that is not about a control on a workload: its status, or "other"
       for a status this template does not know.  Context: the finding. -->
  <xsl:template name="other-group-key">
    <xsl:choose>
      <xsl:when test="contains($other-statuses, concat('|', @status, '|'))"><xsl:value-of select="@status"/></xsl:when>
      <xsl:otherwise>other</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Heading of such a group.  Context: its first finding. -->
  <xsl:template name="other-group-title">
    <xsl:choose>
      <xsl:when test="@status = 'unclassified'">Workload type not in the catalog</xsl:when>
      <xsl:when test="@status = 'artifact-missing'">Evidence artifacts that are missing</xsl:when>
      <xsl:when test="@status = 'artifact-mismatch'">Evidence artifacts that changed after they were recorded</xsl:when>
      <xsl:when test="@status = 'no-baa'"><xsl:value-of select="title"/></xsl:when>
      <xsl:otherwise>Other findings</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "failed on 1, no evidence for 2"; just "no evidence" when one status covers all $all. -->
  <xsl:template name="gap-statuses">
    <xsl:param name="failed"/>
    <xsl:param name="missing"/>
    <xsl:param name="stale"/>
    <xsl:param name="all" select="-1"/>
    <xsl:choose>
      <xsl:when test="$failed = $all">failed</xsl:when>
      <xsl:when test="$missing = $all">no evidence</xsl:when>
      <xsl:when test="$stale = $all">evidence out of date</xsl:when>
      <xsl:otherwise>
        <xsl:if test="$failed &gt; 0">
          <xsl:value-of select="concat('failed on ', format-number($failed, '#,##0'))"/>
        </xsl:if>
        <xsl:if test="$missing &gt; 0">
          <xsl:if test="$failed &gt; 0">, </xsl:if>
          <xsl:value-of select="concat('no evidence for ', format-number($missing, '#,##0'))"/>
        </xsl:if>
        <xsl:if test="$stale &gt; 0">
          <xsl:if test="$failed + $missing &gt; 0">, </xsl:if>
          <xsl:value-of select="concat('evidence out of date for ', format-number($stale, '#,##0'))"/>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ==== scope and method ==================================================================== -->

  <xsl:template name="scope-and-method">
    <xsl:variable name="nwl" select="number($summary/@workloads)"/>
    <h1 id="scope">Scope and method</h1>
    <p>
      <xsl:value-of select="concat($assessor, ' assessed ')"/>
      <xsl:call-template name="count-of"><xsl:with-param name="n" select="$nwl"/><xsl:with-param name="one" select="'workload'"/></xsl:call-template>
      <xsl:value-of select="concat(' of ', $client, ' as of ', $as-of)"/>
      <xsl:if test="$n-subscriptions &gt; 0 or $n-tenants &gt; 0">
        <xsl:text>, in </xsl:text>
        <xsl:if test="$n-subscriptions &gt; 0">
          <xsl:call-template name="count-of"><xsl:with-param name="n" select="$n-subscriptions"/><xsl:with-param name="one" select="'Azure subscription'"/></xsl:call-template>
          <xsl:if test="$n-tenants &gt; 0"> and </xsl:if>
        </xsl:if>
        <xsl:if test="$n-tenants &gt; 0">
          <xsl:call-template name="count-of"><xsl:with-param name="n" select="$n-tenants"/><xsl:with-param name="one" select="'tenant'"/></xsl:call-template>
        </xsl:if>
      </xsl:if>
      <xsl:text>, against </xsl:text>
      <xsl:value-of select="$scope-text"/>
      <xsl:text>. For every workload srmap decided who owns each security layer (the provider, the client, or both), then checked each control that applies against the evidence: </xsl:text>
      <xsl:call-template name="count-of"><xsl:with-param name="n" select="$summary/@checks"/><xsl:with-param name="one" select="'check'"/></xsl:call-template>
      <xsl:text> in all, decided with </xsl:text>
      <xsl:choose>
        <xsl:when test="$summary/@evidence = 0">no evidence</xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="count-of"><xsl:with-param name="n" select="$summary/@evidence"/><xsl:with-param name="one" select="'evidence record'"/></xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:value-of select="concat(' and catalog version ', $a/@catalog-version, '.')"/>
    </p>

    <h2 id="scope-models">Workloads by service model</h2>
    <table widths="20% 52% 14% 14%" size="9">
      <thead><row><cell>Service model</cell><cell>What the client runs</cell><cell align="right">Workloads</cell><cell align="right">Share</cell></row></thead>
      <xsl:for-each select="$summary/model-count[@count &gt; 0 or @model != 'unclassified']">
        <row>
          <cell>
            <xsl:choose>
              <xsl:when test="@count &gt; 0">
                <link to="inv-{@model}"><xsl:call-template name="model-name"><xsl:with-param name="m" select="@model"/></xsl:call-template></link>
              </xsl:when>
              <xsl:otherwise><xsl:call-template name="model-name"><xsl:with-param name="m" select="@model"/></xsl:call-template></xsl:otherwise>
            </xsl:choose>
          </cell>
          <cell>
            <xsl:choose>
              <xsl:when test="@model = 'iaas'">Virtual machines and networks: the client runs the operating system and everything above it.</xsl:when>
              <xsl:when test="@model = 'paas'">Managed platforms: the provider runs the operating system; the client its code, settings, identities and data.</xsl:when>
              <xsl:when test="@model = 'saas'">Finished services: the client governs settings, identities, data and devices.</xsl:when>
              <xsl:when test="@model = 'onprem'">The client’s own datacenters: every layer is the client’s.</xsl:when>
              <xsl:otherwise>Type not in the catalog: every layer is treated as the client’s until it is classified.</xsl:otherwise>
            </xsl:choose>
          </cell>
          <cell align="right"><xsl:value-of select="format-number(@count, '#,##0')"/></cell>
          <cell align="right">
            <xsl:call-template name="percent"><xsl:with-param name="part" select="@count"/><xsl:with-param name="whole" select="$nwl"/></xsl:call-template>
            <xsl:text> %</xsl:text>
          </cell>
        </row>
      </xsl:for-each>
      <row>
        <cell><b>Total</b></cell><cell/>
        <cell align="right"><b><xsl:value-of select="format-number($nwl, '#,##0')"/></b></cell>
        <cell align="right"><b>100.0 %</b></cell>
      </row>
    </table>

    <h2 id="scope-subscriptions">Subscriptions and tenants</h2>
    <!-- The summary lists each subscription and tenant once, in inventory order, with its
         workload count; the first $distinct-max of each are named, the rest share a row. -->
    <xsl:variable name="subs" select="$summary/subscription"/>
    <xsl:variable name="tenants" select="$summary/tenant"/>
    <xsl:variable name="no-sub" select="$summary/@workloads - sum($subs/@workloads)"/>
    <xsl:variable name="no-tenant" select="$summary/@workloads - sum($tenants/@workloads)"/>
    <table widths="16% 68% 16%" size="8.5">
      <thead><row><cell>Kind</cell><cell>Subscription or tenant</cell><cell align="right">Workloads</cell></row></thead>
      <xsl:for-each select="$subs[position() &lt;= $distinct-max]">
        <row>
          <cell>Subscription</cell>
          <cell>
            <xsl:if test="@name"><xsl:value-of select="@name"/><xsl:text> </xsl:text></xsl:if>
            <code><xsl:value-of select="@id"/></code>
          </cell>
          <cell align="right"><xsl:value-of select="format-number(@workloads, '#,##0')"/></cell>
        </row>
      </xsl:for-each>
      <xsl:call-template name="others-row">
        <xsl:with-param name="label" select="'Subscription'"/>
        <xsl:with-param name="rest" select="$subs[position() &gt; $distinct-max]"/>
        <xsl:with-param name="one" select="'subscription'"/>
      </xsl:call-template>
      <xsl:if test="$no-sub &gt; 0">
        <row><cell>Subscription</cell><cell><i>none given</i></cell><cell align="right"><xsl:value-of select="format-number($no-sub, '#,##0')"/></cell></row>
      </xsl:if>
      <xsl:for-each select="$tenants[position() &lt;= $distinct-max]">
        <row><cell>Tenant</cell><cell><xsl:value-of select="@id"/></cell><cell align="right"><xsl:value-of select="format-number(@workloads, '#,##0')"/></cell></row>
      </xsl:for-each>
      <xsl:call-template name="others-row">
        <xsl:with-param name="label" select="'Tenant'"/>
        <xsl:with-param name="rest" select="$tenants[position() &gt; $distinct-max]"/>
        <xsl:with-param name="one" select="'tenant'"/>
      </xsl:call-template>
      <xsl:if test="$no-tenant &gt; 0">
        <row><cell>Tenant</cell><cell><i>none given</i></cell><cell align="right"><xsl:value-of select="format-number($no-tenant, '#,##0')"/></cell></row>
      </xsl:if>
    </table>

    <h2 id="scope-evidence">Evidence</h2>
    <xsl:variable name="nev" select="number($summary/@evidence)"/>
    <xsl:choose>
      <xsl:when test="$nev = 0">
        <p>No evidence was given: every check on a layer the client owns or shares is missing, and only the provider’s layers (inherited) count in the client’s favour.</p>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="unused" select="number($summary/@evidence-unused)"/>
        <p>
          <xsl:call-template name="count-of"><xsl:with-param name="n" select="$nev"/><xsl:with-param name="one" select="'evidence record'"/></xsl:call-template>
          <xsl:text> from </xsl:text>
          <xsl:call-template name="count-of"><xsl:with-param name="n" select="count($a/inputs/input[@role = 'evidence'])"/><xsl:with-param name="one" select="'file'"/></xsl:call-template>
          <xsl:choose>
            <xsl:when test="not($summary/@evidence-earliest)">
              <xsl:text>, none of which says when it was collected</xsl:text>
            </xsl:when>
            <xsl:when test="$summary/@evidence-earliest = $summary/@evidence-latest">
              <xsl:text>, collected at </xsl:text>
              <xsl:call-template name="time"><xsl:with-param name="t" select="$summary/@evidence-earliest"/></xsl:call-template>
            </xsl:when>
            <xsl:otherwise>
              <xsl:text>, collected between </xsl:text>
              <xsl:call-template name="time"><xsl:with-param name="t" select="$summary/@evidence-earliest"/></xsl:call-template>
              <xsl:text> and </xsl:text>
              <xsl:call-template name="time"><xsl:with-param name="t" select="$summary/@evidence-latest"/></xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:text>. Passing evidence collected more than </xsl:text>
          <xsl:call-template name="count-of"><xsl:with-param name="n" select="$profile/@max-evidence-age-days"/><xsl:with-param name="one" select="'day'"/></xsl:call-template>
          <xsl:value-of select="concat(' before ', $as-of, ' is stale. ')"/>
          <xsl:if test="$summary/@evidence-undated and $summary/@evidence-earliest">
            <xsl:call-template name="count-of"><xsl:with-param name="n" select="$summary/@evidence-undated"/><xsl:with-param name="one" select="'record'"/></xsl:call-template>
            <xsl:text> came from exports that do not say when they were taken. </xsl:text>
          </xsl:if>
          <xsl:if test="$summary/@evidence-undated">
            <xsl:choose>
              <xsl:when test="$profile/@undated-evidence = 'stale'">Evidence of unknown collection time is treated as stale, as the profile asks. </xsl:when>
              <xsl:otherwise>Evidence of unknown collection time is treated as current (the profile’s default); its date shows as unknown in the register. </xsl:otherwise>
            </xsl:choose>
          </xsl:if>
          <xsl:choose>
            <xsl:when test="$unused = 0">Every record decided at least one check.</xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="count-of"><xsl:with-param name="n" select="$unused"/><xsl:with-param name="one" select="'record'"/></xsl:call-template>
              <xsl:text> decided no check</xsl:text>
              <xsl:text> (a more specific or newer record won, or the control does not apply); the </xsl:text>
              <link to="evidence">evidence register</link>
              <xsl:text> marks them.</xsl:text>
            </xsl:otherwise>
          </xsl:choose>
        </p>
        <table widths="40% 12% 24% 24%" size="8.5">
          <thead><row><cell>Collected by</cell><cell align="right">Records</cell><cell>Earliest</cell><cell>Latest</cell></row></thead>
          <xsl:for-each select="$summary/collector[position() &lt;= $distinct-max]">
            <row>
              <cell><xsl:value-of select="@name"/></cell>
              <cell align="right"><xsl:value-of select="format-number(@records, '#,##0')"/></cell>
              <xsl:choose>
                <xsl:when test="@earliest">
                  <cell><xsl:call-template name="time"><xsl:with-param name="t" select="@earliest"/></xsl:call-template></cell>
                  <cell><xsl:call-template name="time"><xsl:with-param name="t" select="@latest"/></xsl:call-template></cell>
                </xsl:when>
                <xsl:otherwise><cell>unknown</cell><cell>unknown</cell></xsl:otherwise>
              </xsl:choose>
            </row>
          </xsl:for-each>
          <xsl:variable name="rest" select="$summary/collector[position() &gt; $distinct-max]"/>
          <xsl:if test="$rest">
            <row>
              <cell><i><xsl:call-template name="count-of"><xsl:with-param name="n" select="count($rest)"/><xsl:with-param name="one" select="'other collector'"/></xsl:call-template></i></cell>
              <cell align="right"><xsl:value-of select="format-number(sum($rest/@records), '#,##0')"/></cell>
              <cell/><cell/>
            </row>
          </xsl:if>
        </table>
      </xsl:otherwise>
    </xsl:choose>

    <keep>
    <h2 id="scope-statuses">What the check statuses mean</h2>
    <table widths="20% 80%" size="9" zebra="no">
      <xsl:call-template name="status-row"><xsl:with-param name="s" select="'satisfied'"/>
        <xsl:with-param name="text">Current evidence shows the control in place on a layer the client owns or shares.</xsl:with-param></xsl:call-template>
      <xsl:call-template name="status-row"><xsl:with-param name="s" select="'inherited'"/>
        <xsl:with-param name="text">The layer is the provider’s: the control is covered by the provider’s attestations and needs no evidence from the client.</xsl:with-param></xsl:call-template>
      <xsl:call-template name="status-row"><xsl:with-param name="s" select="'failed'"/>
        <xsl:with-param name="text">The deciding evidence shows the control is not in place, however old that evidence is.</xsl:with-param></xsl:call-template>
      <xsl:call-template name="status-row"><xsl:with-param name="s" select="'missing'"/>
        <xsl:with-param name="text">No evidence was given for a control on a layer the client owns or shares. It counts as a gap.</xsl:with-param></xsl:call-template>
      <xsl:call-template name="status-row"><xsl:with-param name="s" select="'stale'"/>
        <xsl:with-param name="text">The evidence passed but is older than the evidence age limit; the finding is one severity level lower.</xsl:with-param></xsl:call-template>
      <xsl:call-template name="status-row"><xsl:with-param name="s" select="'not-applicable'"/>
        <xsl:with-param name="text">The evidence says the control does not apply to this workload; the check is left out of every score.</xsl:with-param></xsl:call-template>
    </table>
    </keep>
    <p>How each status is decided, what the requirement statuses mean and how the scores are computed is set out in the <link to="method">methodology</link>.</p>
  </xsl:template>

  <xsl:template name="status-row">
    <xsl:param name="s"/>
    <xsl:param name="text"/>
    <row>
      <cell><badge status="{$s}"><xsl:call-template name="status-name"><xsl:with-param name="s" select="$s"/></xsl:call-template></badge></cell>
      <cell><xsl:value-of select="$text"/></cell>
    </row>
  </xsl:template>

  <!-- The row for the subscriptions or tenants beyond the first $distinct-max, if any. -->
  <xsl:template name="others-row">
    <xsl:param name="label"/>
    <xsl:param name="rest"/>
    <xsl:param name="one"/>
    <xsl:if test="$rest">
      <row>
        <cell><xsl:value-of select="$label"/></cell>
        <cell><i><xsl:call-template name="count-of"><xsl:with-param name="n" select="count($rest)"/><xsl:with-param name="one" select="concat('other ', $one)"/></xsl:call-template></i></cell>
        <cell align="right"><xsl:value-of select="format-number(sum($rest/@workloads), '#,##0')"/></cell>
      </row>
    </xsl:if>
  </xsl:template>

  <!-- ==== responsibility model =============================================================== -->

  <xsl:template name="responsibility-model">
    <xsl:variable name="ms" select="$a/matrix/row/cell[@microsoft]"/>
    <xsl:variable name="atts" select="$profile/attestation"/>
    <h1 id="matrix">The responsibility model</h1>
    <p>Each security layer of a workload belongs to the cloud provider, to the client, or to both (shared), depending on the workload’s service model. srmap uses the matrix below, from catalog <xsl:value-of select="$a/@catalog-version"/>, for every workload; the <link to="inventory">workload inventory</link> shows the result workload by workload.</p>
    <table widths="28% 18% 18% 18% 18%" size="8.5" zebra="no">
      <thead>
        <row><cell>Layer</cell><cell align="center">IaaS</cell><cell align="center">PaaS</cell><cell align="center">SaaS</cell><cell align="center">On-premises</cell></row>
      </thead>
      <xsl:for-each select="$a/matrix/row">
        <row>
          <cell><b><xsl:value-of select="@title"/></b></cell>
          <xsl:for-each select="cell">
            <cell align="center">
              <xsl:attribute name="shade"><xsl:call-template name="owner-shade"><xsl:with-param name="o" select="@owner"/></xsl:call-template></xsl:attribute>
              <xsl:call-template name="owner-name"><xsl:with-param name="o" select="@owner"/></xsl:call-template>
              <xsl:if test="@microsoft">
                <xsl:text> †</xsl:text>
                <br/>
                <i>
                  <xsl:text>Microsoft: </xsl:text>
                  <xsl:value-of select="@microsoft"/>
                </i>
              </xsl:if>
              <!-- the provider attestations that cover a provider-owned layer -->
              <xsl:variable name="layer" select="concat(' ', ../@layer, ' ')"/>
              <xsl:if test="@owner = 'provider' and $atts[contains(concat(' ', @covers, ' '), $layer)]">
                <br/>
                <xsl:for-each select="$atts[contains(concat(' ', @covers, ' '), $layer)]">
                  <xsl:if test="position() &gt; 1">, </xsl:if>
                  <xsl:value-of select="@id"/>
                </xsl:for-each>
              </xsl:if>
            </cell>
          </xsl:for-each>
        </row>
      </xsl:for-each>
    </table>
    <p>
      <b>Inherited</b>
      <xsl:text> means that a control sits on a layer the provider owns: srmap records it as inherited and asks the client for no evidence, because the provider’s own independently audited controls cover it</xsl:text>
      <xsl:choose>
        <xsl:when test="$atts[string(@covers)]">: the provider attestations below, named in the provider’s cells of the matrix. </xsl:when>
        <xsl:otherwise> (for Microsoft Azure and Microsoft 365, its SOC 2 Type 2 and ISO/IEC 27001 reports and FedRAMP authorizations, which the client should obtain from the provider and review). </xsl:otherwise>
      </xsl:choose>
      <b>Shared</b>
      <xsl:text> layers are decided like the client’s own: the client must show its part.</xsl:text>
    </p>
    <xsl:if test="$ms">
      <p size="8.5">
        <xsl:text>† Microsoft’s published shared-responsibility matrix assigns </xsl:text>
        <xsl:choose>
          <xsl:when test="count($ms) = 1">this cell</xsl:when>
          <xsl:otherwise>these cells</xsl:otherwise>
        </xsl:choose>
        <xsl:text> differently; srmap uses the owner shown first and records Microsoft’s for the reader.</xsl:text>
      </p>
    </xsl:if>
    <h2 id="matrix-attestations">Provider attestations</h2>
    <xsl:choose>
      <xsl:when test="$atts">
        <table widths="14% 30% 14% 14% 28%" size="8.5">
          <thead><row><cell>Id</cell><cell>Document</cell><cell>Kind</cell><cell>Issued</cell><cell>Layers covered</cell></row></thead>
          <xsl:for-each select="$atts">
            <row>
              <cell><code><xsl:value-of select="@id"/></code></cell>
              <cell><xsl:value-of select="@title"/></cell>
              <cell>
                <xsl:choose>
                  <xsl:when test="@kind = 'soc2-type2'">SOC 2 Type 2 report</xsl:when>
                  <xsl:when test="@kind = 'fedramp-p-ato'">FedRAMP P-ATO</xsl:when>
                  <xsl:when test="@kind = 'iso27001'">ISO/IEC 27001 certificate</xsl:when>
                  <xsl:when test="@kind = 'hipaa-baa'">HIPAA business associate agreement</xsl:when>
                  <xsl:otherwise>Other</xsl:otherwise>
                </xsl:choose>
              </cell>
              <cell><xsl:call-template name="time"><xsl:with-param name="t" select="@issued"/></xsl:call-template></cell>
              <cell>
                <xsl:variable name="covers" select="concat(' ', @covers, ' ')"/>
                <xsl:for-each select="$a/matrix/row[contains($covers, concat(' ', @layer, ' '))]">
                  <xsl:if test="position() &gt; 1">; </xsl:if>
                  <xsl:value-of select="@title"/>
                </xsl:for-each>
                <xsl:if test="not($a/matrix/row[contains($covers, concat(' ', @layer, ' '))])"><i>none</i></xsl:if>
              </cell>
            </row>
          </xsl:for-each>
        </table>
      </xsl:when>
      <xsl:otherwise>
        <p>The profile records no provider attestations. The inherited layers rest on the provider’s published attestations; the client should obtain them, check that they cover the services in scope and the period assessed, and keep them with this report.</p>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="$a/matrix/row/source">
      <h2 id="matrix-basis">Basis for each layer</h2>
      <ul>
        <xsl:for-each select="$a/matrix/row[source]">
          <li><b><xsl:value-of select="@title"/></b><xsl:text>: </xsl:text><xsl:value-of select="source"/></li>
        </xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>

  <xsl:template name="owner-shade">
    <xsl:param name="o"/>
    <xsl:choose>
      <xsl:when test="$o = 'provider'"><xsl:value-of select="$shade-provider"/></xsl:when>
      <xsl:when test="$o = 'shared'"><xsl:value-of select="$shade-shared"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$shade-customer"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ==== findings ============================================================================ -->

  <xsl:template name="findings">
    <h1 id="findings">Findings</h1>
    <xsl:choose>
      <xsl:when test="$n-findings = 0">
        <p>There are no findings. Every control that applies to a layer the client owns or shares is satisfied by current evidence or does not apply, every workload’s type is in the catalog, and the provider’s layers are inherited.</p>
      </xsl:when>
      <xsl:otherwise>
        <p>
          <xsl:call-template name="count-of"><xsl:with-param name="n" select="$n-findings"/><xsl:with-param name="one" select="'finding'"/></xsl:call-template>
          <xsl:value-of select="concat(': ', format-number($n-critical, '#,##0'), ' critical, ',
                                       format-number($n-high, '#,##0'), ' high, ',
                                       format-number($n-medium, '#,##0'), ' medium and ',
                                       format-number($n-low, '#,##0'), ' low. ')"/>
          <xsl:text>A finding is one control on one workload, or for an organisation-wide control (governance, incident response, identity and privileged access programmes, tenant settings) one control for the whole organisation, that failed, has no evidence (missing) or has evidence older than the age limit (stale, one severity level lower); a workload whose type the catalog does not know, an evidence artifact that is missing or has changed, and a missing business associate agreement are findings of their own. Findings are grouped by severity, most severe first, and within a severity by control; each finding is listed once.</xsl:text>
        </p>
        <xsl:if test="$brief"><p><i><xsl:call-template name="detail-note"/></i></p></xsl:if>
        <xsl:call-template name="findings-of-severity"><xsl:with-param name="sev" select="'critical'"/><xsl:with-param name="n" select="$n-critical"/></xsl:call-template>
        <xsl:call-template name="findings-of-severity"><xsl:with-param name="sev" select="'high'"/><xsl:with-param name="n" select="$n-high"/></xsl:call-template>
        <xsl:call-template name="findings-of-severity"><xsl:with-param name="sev" select="'medium'"/><xsl:with-param name="n" select="$n-medium"/></xsl:call-template>
        <xsl:call-template name="findings-of-severity"><xsl:with-param name="sev" select="'low'"/><xsl:with-param name="n" select="$n-low"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="findings-of-severity">
    <xsl:param name="sev"/>
    <xsl:param name="n"/>
    <xsl:if test="$n &gt; 0">
      <xsl:variable name="label"><xsl:call-template name="status-name"><xsl:with-param name="s" select="$sev"/></xsl:call-template></xsl:variable>
      <h2 id="findings-{$sev}">
        <xsl:value-of select="concat($label, ' severity (')"/>
        <xsl:call-template name="count-of"><xsl:with-param name="n" select="$n"/><xsl:with-param name="one" select="'finding'"/></xsl:call-template>
        <xsl:text>)</xsl:text>
      </h2>
      <!-- One group per control with findings of this severity, in the order of its first
           finding (finding ids number the findings in srmap's order: severity, workload,
           control, an unclassified finding before its workload's other findings). -->
      <xsl:for-each select="$a/control[key('f-by-sev-ctl', concat($sev, '|', @id))]
                            | key('f-other', concat($sev, '|unclassified'))[1]
                            | key('f-other', concat($sev, '|no-baa'))[1]
                            | key('f-other', concat($sev, '|artifact-missing'))[1]
                            | key('f-other', concat($sev, '|artifact-mismatch'))[1]
                            | $unknown-others[@severity = $sev][1]">
        <xsl:sort select="substring((key('f-by-sev-ctl', concat($sev, '|', self::control/@id))[1] | self::finding)/@id, 3)"
                  data-type="number"/>
        <xsl:choose>
          <xsl:when test="self::control">
            <xsl:call-template name="finding-group">
              <xsl:with-param name="sev" select="$sev"/>
              <xsl:with-param name="fs" select="key('f-by-sev-ctl', concat($sev, '|', @id))"/>
            </xsl:call-template>
          </xsl:when>
          <xsl:when test="@status = 'unclassified'">
            <xsl:call-template name="unclassified-group">
              <xsl:with-param name="sev" select="$sev"/>
              <xsl:with-param name="fs" select="key('f-other', concat($sev, '|unclassified'))"/>
            </xsl:call-template>
          </xsl:when>
          <xsl:when test="contains($other-statuses, concat('|', @status, '|'))">
            <xsl:call-template name="other-group">
              <xsl:with-param name="sev" select="$sev"/>
              <xsl:with-param name="fs" select="key('f-other', concat($sev, '|', @status))"/>
              <xsl:with-param name="group" select="string(@status)"/>
            </xsl:call-template>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="other-group">
              <xsl:with-param name="sev" select="$sev"/>
              <xsl:with-param name="fs" select="$unknown-others[@severity = $sev]"/>
              <xsl:with-param name="group" select="'other'"/>
            </xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- The findings of one control at one severity.  Context: the control. -->
  <xsl:template name="finding-group">
    <xsl:param name="sev"/>
    <xsl:param name="fs"/>
    <xsl:variable name="c" select="."/>
    <xsl:variable name="n" select="count($fs)"/>
    <!-- The description stays on one page, and with the first rows of its table. -->
    <keep with-next="yes">
    <h3 id="f-{$sev}-{@id}" toc="no"><xsl:value-of select="title"/></h3>
    <p>
      <badge status="{$sev}"><xsl:call-template name="status-name"><xsl:with-param name="s" select="$sev"/></xsl:call-template></badge>
      <xsl:text> </xsl:text>
      <xsl:choose>
        <xsl:when test="@scope = 'organisation'">
          <xsl:text>Organisation-wide control, checked once per tenant; </xsl:text>
          <xsl:call-template name="count-of"><xsl:with-param name="n" select="$n"/><xsl:with-param name="one" select="'organisation'"/></xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="count-of"><xsl:with-param name="n" select="$n"/><xsl:with-param name="one" select="'workload'"/></xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:text>: </xsl:text>
      <xsl:for-each select="$fs[@status = 'failed'][1] | $fs[@status = 'missing'][1] | $fs[@status = 'stale'][1]">
        <xsl:sort select="string-length(substring-before('failed missing stale', @status))" data-type="number"/>
        <xsl:if test="position() &gt; 1">, </xsl:if>
        <xsl:value-of select="concat(format-number(count($fs[@status = current()/@status]), '#,##0'), ' ', @status)"/>
      </xsl:for-each>
      <xsl:text>. Layer: </xsl:text>
      <xsl:value-of select="key('layer', @layer)/@title"/>
      <xsl:variable name="by-customer" select="boolean($fs[@owner = 'customer'])"/>
      <xsl:variable name="by-shared" select="boolean($fs[@owner = 'shared'])"/>
      <xsl:choose>
        <xsl:when test="$by-customer and $by-shared">, the customer’s on some workloads and shared on others</xsl:when>
        <xsl:when test="$by-customer">, owned by the customer</xsl:when>
        <xsl:when test="$by-shared">, shared by the provider and the customer</xsl:when>
      </xsl:choose>
      <xsl:text>. Control </xsl:text>
      <code><xsl:value-of select="@id"/></code>
      <xsl:text>.</xsl:text>
    </p>
    <xsl:if test="ref">
      <p><b>Cited by: </b><xsl:call-template name="citations"/></p>
    </xsl:if>

    <!-- What the evidence shows: the records behind these findings that carry a note. -->
    <xsl:variable name="evs" select="key('ev-by-control', @id)[note][key('f-by-sev-ctl-ev', concat($sev, '|', $c/@id, '|', @id))]"/>
    <xsl:if test="$evs">
      <p><b>What the evidence shows:</b></p>
      <ul>
        <xsl:for-each select="$evs[position() &lt;= 6]">
          <li>
            <code><xsl:value-of select="@id"/></code>
            <xsl:text> (</xsl:text>
            <xsl:call-template name="evidence-scope-text"/>
            <xsl:text>, </xsl:text>
            <xsl:value-of select="@result"/>
            <xsl:text>, </xsl:text>
            <xsl:call-template name="time"><xsl:with-param name="t" select="@collected-at"/></xsl:call-template>
            <xsl:text>): </xsl:text>
            <xsl:value-of select="note"/>
          </li>
        </xsl:for-each>
        <xsl:if test="count($evs) &gt; 6">
          <li>
            <xsl:text>and </xsl:text>
            <xsl:call-template name="count-of"><xsl:with-param name="n" select="count($evs) - 6"/><xsl:with-param name="one" select="'more record'"/></xsl:call-template>
            <xsl:text> in the </xsl:text><link to="evidence">evidence register</link><xsl:text>.</xsl:text>
          </li>
        </xsl:if>
      </ul>
    </xsl:if>

    <p><b>Remediation: </b><xsl:value-of select="remediation"/></p>
    </keep>
    <!-- A table when some finding has evidence to show; findings that are all "missing" carry
         nothing but the workload, so they are listed as names, which takes a few lines. -->
    <xsl:choose>
      <xsl:when test="$brief and $n &gt; $summary-rows">
        <xsl:call-template name="finding-sample"><xsl:with-param name="fs" select="$fs"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="$n &lt;= $finding-rows-max and $fs[@status != 'missing']">
        <table widths="11% 49% 15% 25%" size="8.5">
          <thead><row><cell>Finding</cell><cell>Workload</cell><cell>Status</cell><cell>Evidence</cell></row></thead>
          <xsl:for-each select="$fs">
            <xsl:variable name="w" select="key('workload', @workload)"/>
            <row>
              <cell><xsl:value-of select="@id"/></cell>
              <cell>
                <xsl:call-template name="workload-label"><xsl:with-param name="w" select="$w"/><xsl:with-param name="id" select="@workload"/></xsl:call-template>
              </cell>
              <cell><xsl:call-template name="status-badge"><xsl:with-param name="s" select="@status"/></xsl:call-template></cell>
              <cell>
                <xsl:choose>
                  <xsl:when test="@evidence">
                    <code><xsl:value-of select="@evidence"/></code>
                    <xsl:variable name="e" select="key('evidence', @evidence)"/>
                    <xsl:if test="$e">
                      <br/>
                      <xsl:call-template name="time"><xsl:with-param name="t" select="$e/@collected-at"/></xsl:call-template>
                    </xsl:if>
                  </xsl:when>
                  <xsl:otherwise><i>none</i></xsl:otherwise>
                </xsl:choose>
              </cell>
            </row>
          </xsl:for-each>
        </table>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="finding-names"><xsl:with-param name="fs" select="$fs[@status = 'failed']"/><xsl:with-param name="s" select="'failed'"/></xsl:call-template>
        <xsl:call-template name="finding-names"><xsl:with-param name="fs" select="$fs[@status = 'missing']"/><xsl:with-param name="s" select="'missing'"/></xsl:call-template>
        <xsl:call-template name="finding-names"><xsl:with-param name="fs" select="$fs[@status = 'stale']"/><xsl:with-param name="s" select="'stale'"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
    <spacer height="4mm"/>
  </xsl:template>

  <!-- A long group of findings as a list of workload names (with the deciding evidence). -->
  <xsl:template name="finding-names">
    <xsl:param name="fs"/>
    <xsl:param name="s"/>
    <xsl:if test="$fs">
      <p size="8.5">
        <xsl:call-template name="status-badge"><xsl:with-param name="s" select="$s"/></xsl:call-template>
        <xsl:text> </xsl:text>
        <xsl:variable name="one">
          <xsl:choose>
            <xsl:when test="$fs[1]/@scope = 'organisation'">organisation</xsl:when>
            <xsl:otherwise>workload</xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <b><xsl:call-template name="count-of"><xsl:with-param name="n" select="count($fs)"/><xsl:with-param name="one" select="string($one)"/></xsl:call-template></b>
        <xsl:choose>
          <xsl:when test="count($fs) = 1"><xsl:text>, with its finding</xsl:text></xsl:when>
          <xsl:otherwise><xsl:text>, each with its finding</xsl:text></xsl:otherwise>
        </xsl:choose>
        <xsl:if test="$s != 'missing'"> and the deciding evidence</xsl:if>
        <xsl:text>: </xsl:text>
        <xsl:for-each select="$fs">
          <xsl:if test="position() &gt; 1"><xsl:text>; </xsl:text></xsl:if>
          <xsl:call-template name="finding-subject"/>
          <xsl:value-of select="concat(' (', @id)"/>
          <xsl:if test="@evidence">
            <xsl:text>, </xsl:text>
            <code><xsl:value-of select="@evidence"/></code>
          </xsl:if>
          <xsl:text>)</xsl:text>
        </xsl:for-each>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- A summary report's part of a long group of findings: the first few, with their status. -->
  <xsl:template name="finding-sample">
    <xsl:param name="fs"/>
    <p size="8.5">
      <b><xsl:value-of select="concat('The first ', $summary-rows, ' of ', format-number(count($fs), '#,##0'), ' findings')"/></b>
      <xsl:text>: </xsl:text>
      <xsl:for-each select="$fs[position() &lt;= $summary-rows]">
        <xsl:if test="position() &gt; 1"><xsl:text>; </xsl:text></xsl:if>
        <xsl:call-template name="finding-subject"/>
        <xsl:value-of select="concat(' (', @id, ', ', @status, ')')"/>
      </xsl:for-each>
      <xsl:text>. </xsl:text>
      <i>
        <xsl:value-of select="concat('The other ', format-number(count($fs) - $summary-rows, '#,##0'), ' are in assessment.xml')"/>
        <xsl:text> (a summary report; see the start of this section).</xsl:text>
      </i>
    </p>
  </xsl:template>

  <!-- Where a summary report's left-out rows are. -->
  <xsl:template name="detail-note">
    <xsl:text>This is a summary report: long lists stop after </xsl:text>
    <xsl:value-of select="$summary-rows"/>
    <xsl:text> entries. Every finding, workload and evidence record is in the assessment XML (assessment.xml) and every check in the customer responsibility matrix (crm.xml, crm.csv); srmap assess with --pdf-detail full writes a PDF that lists them all.</xsl:text>
  </xsl:template>

  <!-- "N more workloads|evidence records are not listed in this summary report." -->
  <xsl:template name="left-out">
    <xsl:param name="n"/>
    <xsl:param name="one"/>
    <xsl:if test="$brief and $n &gt; $summary-rows">
      <p>
        <i>
          <xsl:call-template name="count-of"><xsl:with-param name="n" select="$n - $summary-rows"/><xsl:with-param name="one" select="concat('more ', $one)"/></xsl:call-template>
          <xsl:text> not listed. </xsl:text>
          <xsl:call-template name="detail-note"/>
        </i>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- Workloads whose type the catalog does not know.  Context: the first such finding. -->
  <xsl:template name="unclassified-group">
    <xsl:param name="sev"/>
    <xsl:param name="fs"/>
    <xsl:variable name="n" select="count($fs)"/>
    <keep with-next="yes">
    <h3 id="f-{$sev}-unclassified" toc="no">Workload type not in the catalog</h3>
    <p>
      <badge status="{$sev}"><xsl:call-template name="status-name"><xsl:with-param name="s" select="$sev"/></xsl:call-template></badge>
      <xsl:text> </xsl:text>
      <xsl:call-template name="count-of"><xsl:with-param name="n" select="$n"/><xsl:with-param name="one" select="'workload'"/></xsl:call-template>
      <xsl:text>: srmap cannot tell the service model, so it cannot say which layers the provider covers. Every layer is treated as the client’s, and only the controls that apply to every service model were checked.</xsl:text>
    </p>
    <p><b>Remediation: </b><xsl:value-of select="remediation"/></p>
    </keep>
    <xsl:choose>
      <xsl:when test="$n &lt;= $finding-rows-max">
        <table widths="11% 39% 35% 15%" size="8.5">
          <thead><row><cell>Finding</cell><cell>Workload</cell><cell>Type</cell><cell>Status</cell></row></thead>
          <xsl:for-each select="$fs">
            <xsl:variable name="w" select="key('workload', @workload)"/>
            <row>
              <cell><xsl:value-of select="@id"/></cell>
              <cell><xsl:call-template name="workload-label"><xsl:with-param name="w" select="$w"/><xsl:with-param name="id" select="@workload"/></xsl:call-template></cell>
              <cell><code><xsl:value-of select="$w/@type"/></code></cell>
              <cell><badge status="not-assessed">Unclassified</badge></cell>
            </row>
          </xsl:for-each>
        </table>
      </xsl:when>
      <xsl:otherwise>
        <p size="8.5">
          <badge status="not-assessed">Unclassified</badge>
          <xsl:text> </xsl:text>
          <b><xsl:call-template name="count-of"><xsl:with-param name="n" select="$n"/><xsl:with-param name="one" select="'workload'"/></xsl:call-template></b>
          <xsl:text>, each with its finding and type: </xsl:text>
          <xsl:for-each select="$fs">
            <xsl:variable name="w" select="key('workload', @workload)"/>
            <xsl:if test="position() &gt; 1"><xsl:text>; </xsl:text></xsl:if>
            <xsl:value-of select="concat($w/@name, ' (', @id, ', ')"/>
            <code><xsl:value-of select="$w/@type"/></code>
            <xsl:text>)</xsl:text>
          </xsl:for-each>
        </p>
      </xsl:otherwise>
    </xsl:choose>
    <spacer height="4mm"/>
  </xsl:template>

  <!-- Findings that are not about a control on a workload (evidence artifacts, no BAA, statuses
       added later).  Context: the first finding of the group. -->
  <xsl:template name="other-group">
    <xsl:param name="sev"/>
    <xsl:param name="fs"/>
    <xsl:param name="group"/>
    <xsl:variable name="n" select="count($fs)"/>
    <keep with-next="yes">
    <h3 id="f-{$sev}-{$group}" toc="no"><xsl:call-template name="other-group-title"/></h3>
    <p>
      <badge status="{$sev}"><xsl:call-template name="status-name"><xsl:with-param name="s" select="$sev"/></xsl:call-template></badge>
      <xsl:text> </xsl:text>
      <xsl:call-template name="count-of"><xsl:with-param name="n" select="$n"/><xsl:with-param name="one" select="'finding'"/></xsl:call-template>
      <xsl:text>. </xsl:text>
      <xsl:choose>
        <xsl:when test="$group = 'artifact-missing'">The evidence record names an artifact file that could not be found, so the record does not count as evidence: the checks it would decide are missing.</xsl:when>
        <xsl:when test="$group = 'artifact-mismatch'">The artifact’s SHA-256 is not the one recorded with the evidence: the file changed after it was recorded, so the record does not count as evidence.</xsl:when>
        <xsl:when test="$group = 'no-baa'">HIPAA is in scope, but no business associate agreement with the provider is recorded among the provider attestations.</xsl:when>
      </xsl:choose>
    </p>
    <p><b>Remediation: </b><xsl:value-of select="remediation"/></p>
    </keep>
    <table widths="11% 70% 19%" size="8.5">
      <thead><row><cell>Finding</cell><cell>What it concerns</cell><cell>Status</cell></row></thead>
      <xsl:for-each select="$fs">
        <row>
          <cell><xsl:value-of select="@id"/></cell>
          <cell>
            <xsl:if test="$group = 'other' or $group = 'no-baa'"><xsl:value-of select="title"/></xsl:if>
            <xsl:if test="@evidence">
              <xsl:if test="$group = 'other'"><br/></xsl:if>
              <xsl:text>Evidence </xsl:text>
              <code><xsl:value-of select="@evidence"/></code>
              <xsl:variable name="e" select="key('evidence', @evidence)"/>
              <xsl:if test="$e/@artifact">
                <xsl:text>, artifact </xsl:text>
                <code><xsl:value-of select="$e/@artifact"/></code>
              </xsl:if>
            </xsl:if>
            <xsl:if test="@control">
              <xsl:if test="@evidence or $group = 'other'"><br/></xsl:if>
              <xsl:text>Control: </xsl:text>
              <xsl:variable name="c" select="key('control', @control)"/>
              <xsl:choose>
                <xsl:when test="$c"><xsl:value-of select="$c/title"/></xsl:when>
                <xsl:otherwise><code><xsl:value-of select="@control"/></code></xsl:otherwise>
              </xsl:choose>
            </xsl:if>
            <xsl:if test="@workload">
              <br/>
              <xsl:text>Workload: </xsl:text>
              <xsl:call-template name="workload-label"><xsl:with-param name="w" select="key('workload', @workload)"/><xsl:with-param name="id" select="@workload"/></xsl:call-template>
            </xsl:if>
          </cell>
          <cell><xsl:call-template name="status-badge"><xsl:with-param name="s" select="@status"/></xsl:call-template></cell>
        </row>
      </xsl:for-each>
    </table>
    <spacer height="4mm"/>
  </xsl:template>

  <!-- What a finding is about, short: its workload's name, or the organisation.  Context: a finding. -->
  <xsl:template name="finding-subject">
    <xsl:variable name="w" select="key('workload', @workload)"/>
    <xsl:choose>
      <xsl:when test="$w"><xsl:value-of select="$w/@name"/></xsl:when>
      <xsl:when test="@scope = 'organisation'"><xsl:call-template name="organisation-label"/></xsl:when>
      <xsl:otherwise><code><xsl:value-of select="@workload"/></code></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "Organisation-wide, tenant contoso.onmicrosoft.com".  Context: an organisation finding. -->
  <xsl:template name="organisation-label">
    <xsl:text>Organisation-wide</xsl:text>
    <xsl:if test="@tenant">
      <xsl:text>, tenant </xsl:text>
      <xsl:value-of select="@tenant"/>
    </xsl:if>
  </xsl:template>

  <!-- Workload name for running text and tables; the id in code only when the workload is unknown;
       for a finding about an organisation check, the organisation. -->
  <xsl:template name="workload-label">
    <xsl:param name="w"/>
    <xsl:param name="id"/>
    <xsl:choose>
      <xsl:when test="not($w) and self::finding[@scope = 'organisation']">
        <xsl:call-template name="organisation-label"/>
      </xsl:when>
      <xsl:when test="$w">
        <xsl:value-of select="$w/@name"/>
        <xsl:if test="$w/@type-title and $w/@type-title != $w/@name">
          <xsl:value-of select="concat(' · ', $w/@type-title)"/>
        </xsl:if>
        <xsl:if test="$w/@accountable-party">
          <xsl:value-of select="concat(' · run by ', $w/@accountable-party)"/>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise><code><xsl:value-of select="$id"/></code></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "HIPAA 164.312(d); SOC 2 CC6.1; NIST SP 800-53 IA-2(1), IA-2(2); MCSB IM-6".  Context: a control. -->
  <xsl:template name="citations">
    <xsl:for-each select="ref[@framework = 'hipaa'][1] | ref[@framework = 'soc2'][1] | ref[@framework = 'nist-800-53'][1] | ref[@framework = 'mcsb'][1]">
      <xsl:variable name="f" select="@framework"/>
      <xsl:if test="position() &gt; 1"><xsl:text>; </xsl:text></xsl:if>
      <xsl:call-template name="framework-name"><xsl:with-param name="id" select="$f"/></xsl:call-template>
      <xsl:text> </xsl:text>
      <xsl:for-each select="../ref[@framework = $f]">
        <xsl:if test="position() &gt; 1"><xsl:text>, </xsl:text></xsl:if>
        <xsl:value-of select="@id"/>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:template>

  <!-- "tenant contoso-health.onmicrosoft.com" etc.  Context: an evidence record. -->
  <xsl:template name="evidence-scope-text">
    <xsl:choose>
      <xsl:when test="@scope = 'workload'">
        <xsl:variable name="w" select="key('workload', @workload)"/>
        <xsl:choose>
          <xsl:when test="$w"><xsl:value-of select="$w/@name"/></xsl:when>
          <xsl:otherwise><xsl:text>workload </xsl:text><code><xsl:value-of select="@scope-id"/></code></xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:when test="@scope = 'subscription'"><xsl:text>subscription </xsl:text><code><xsl:value-of select="@scope-id"/></code></xsl:when>
      <xsl:otherwise><xsl:value-of select="concat(@scope, ' ', @scope-id)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="status-badge">
    <xsl:param name="s"/>
    <badge>
      <xsl:attribute name="status">
        <xsl:choose>
          <xsl:when test="contains('|met|satisfied|partially-met|stale|not-met|failed|missing|inherited|not-applicable|not-assessed|', concat('|', $s, '|'))">
            <xsl:value-of select="$s"/>
          </xsl:when>
          <xsl:when test="$s = 'artifact-missing' or $s = 'no-baa'">missing</xsl:when>
          <xsl:when test="$s = 'artifact-mismatch'">failed</xsl:when>
          <xsl:otherwise>not-assessed</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <xsl:call-template name="status-name"><xsl:with-param name="s" select="$s"/></xsl:call-template>
    </badge>
  </xsl:template>

  <!-- ==== one section per framework ========================================================== -->

  <xsl:template match="framework">
    <xsl:variable name="label"><xsl:call-template name="framework-label"/></xsl:variable>
    <xsl:variable name="assessed" select="number(@assessed)"/>
    <h1 id="fw-{@id}"><xsl:value-of select="$label"/></h1>
    <p>
      <b><xsl:value-of select="@title"/></b>
      <xsl:if test="@baseline">
        <xsl:value-of select="concat(', ', $baseline, ' baseline')"/>
      </xsl:if>
      <xsl:text>: </xsl:text>
      <xsl:call-template name="count-of"><xsl:with-param name="n" select="@requirements"/><xsl:with-param name="one" select="'requirement'"/></xsl:call-template>
      <xsl:choose>
        <xsl:when test="@id = 'fedramp'"> (the NIST SP 800-53 Rev 5 controls and enhancements of the baseline)</xsl:when>
        <xsl:when test="@id = 'hipaa'"> (standards and implementation specifications)</xsl:when>
        <xsl:when test="@id = 'soc2'"> (Trust Services Criteria)</xsl:when>
      </xsl:choose>
      <xsl:text>, of which </xsl:text>
      <xsl:value-of select="format-number($assessed, '#,##0')"/>
      <xsl:text> could be assessed from the checks of this run (coverage </xsl:text>
      <xsl:value-of select="concat(@coverage, ' %')"/>
      <xsl:text>). </xsl:text>
      <xsl:choose>
        <xsl:when test="@score">
          <xsl:text>Score: </xsl:text>
          <b><xsl:value-of select="concat(@score, ' %')"/></b>
          <xsl:value-of select="concat(' = (', @met, ' met + ', @inherited, ' inherited + ½ × ', @partially-met,
                                       ' partially met) / ', $assessed, ' assessed.')"/>
        </xsl:when>
        <xsl:otherwise>No score: no requirement could be assessed.</xsl:otherwise>
      </xsl:choose>
    </p>
    <table widths="16% 16% 17% 17% 17% 17%" size="9" zebra="no">
        <row>
          <cell align="center"><badge status="met">Met</badge></cell>
          <cell align="center"><badge status="inherited">Inherited</badge></cell>
          <cell align="center"><badge status="partially-met">Partially met</badge></cell>
          <cell align="center"><badge status="not-met">Not met</badge></cell>
          <cell align="center"><badge status="not-applicable">Not applicable</badge></cell>
          <cell align="center"><badge status="not-assessed">Not assessed</badge></cell>
        </row>
      <row>
        <cell align="center"><b><xsl:value-of select="format-number(@met, '#,##0')"/></b></cell>
        <cell align="center"><b><xsl:value-of select="format-number(@inherited, '#,##0')"/></b></cell>
        <cell align="center"><b><xsl:value-of select="format-number(@partially-met, '#,##0')"/></b></cell>
        <cell align="center"><b><xsl:value-of select="format-number(@not-met, '#,##0')"/></b></cell>
        <cell align="center"><b><xsl:value-of select="format-number(@not-applicable, '#,##0')"/></b></cell>
        <cell align="center"><b><xsl:value-of select="format-number(@not-assessed, '#,##0')"/></b></cell>
      </row>
    </table>

    <xsl:variable name="listed" select="requirement[@status != 'not-assessed']"/>
    <xsl:if test="$listed">
      <h2 id="fw-{@id}-requirements">Assessed requirements</h2>
      <p>Each requirement with the controls that cite it and the checks behind it, over all workloads. A requirement is met when no check behind it is failed, missing or stale.</p>
      <table widths="15% 31% 32% 22%" size="8.5">
        <thead><row><cell>Status</cell><cell>Requirement</cell><cell>Controls behind it</cell><cell>Checks</cell></row></thead>
        <xsl:for-each select="$listed">
          <row>
            <cell><xsl:call-template name="status-badge"><xsl:with-param name="s" select="@status"/></xsl:call-template></cell>
            <cell>
              <b><xsl:value-of select="@id"/></b>
              <xsl:text> </xsl:text>
              <xsl:value-of select="title"/>
              <xsl:if test="@kind"><xsl:value-of select="concat(' (', @kind, ')')"/></xsl:if>
            </cell>
            <!-- A broad requirement is cited by many controls: the first ones are named, the
                 rest counted, so that a row stays shorter than a page. -->
            <cell>
              <xsl:for-each select="control-ref[position() &lt;= $requirement-controls-max]">
                <xsl:if test="position() &gt; 1"><xsl:text>; </xsl:text></xsl:if>
                <xsl:variable name="c" select="key('control', @id)"/>
                <xsl:choose>
                  <xsl:when test="$c"><xsl:value-of select="$c/title"/></xsl:when>
                  <xsl:otherwise><code><xsl:value-of select="@id"/></code></xsl:otherwise>
                </xsl:choose>
              </xsl:for-each>
              <xsl:if test="count(control-ref) &gt; $requirement-controls-max">
                <xsl:text>; and </xsl:text>
                <xsl:call-template name="count-of"><xsl:with-param name="n" select="count(control-ref) - $requirement-controls-max"/><xsl:with-param name="one" select="'more control'"/></xsl:call-template>
              </xsl:if>
            </cell>
            <cell><xsl:call-template name="check-counts"/></cell>
          </row>
        </xsl:for-each>
      </table>
    </xsl:if>

    <xsl:variable name="na" select="requirement[@status = 'not-assessed']"/>
    <xsl:if test="$na">
      <h2 id="fw-{@id}-not-assessed">Not assessed</h2>
      <keep with-next="yes"><p>
        <xsl:value-of select="concat(format-number(count($na), '#,##0'), ' of the ')"/>
        <xsl:call-template name="count-of"><xsl:with-param name="n" select="@requirements"/><xsl:with-param name="one" select="'requirement'"/></xsl:call-template>
        <xsl:choose>
          <xsl:when test="count($na) = 1"> is</xsl:when>
          <xsl:otherwise> are</xsl:otherwise>
        </xsl:choose>
        <xsl:text> not assessed: no control in the catalog cites them, or the controls that cite them apply to no workload in scope. Most are administrative, physical or procedural (policies, training, contracts, incident handling) and need evidence outside this assessment</xsl:text> <xsl:choose> <xsl:when test="@id = 'fedramp'"> <xsl:text>; for the layers the provider owns, its FedRAMP authorization package is that evidence.</xsl:text> </xsl:when> <xsl:otherwise><xsl:text>:</xsl:text></xsl:otherwise>
        </xsl:choose>
      </p></keep>
      <xsl:if test="@id != 'fedramp'">
        <p size="8.5">
          <xsl:for-each select="$na">
            <xsl:if test="position() &gt; 1"><xsl:text>; </xsl:text></xsl:if>
            <b><xsl:value-of select="@id"/></b>
            <xsl:value-of select="concat(' ', title)"/>
          </xsl:for-each>
          <xsl:text>.</xsl:text>
        </p>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- "19 satisfied, 1 failed, 6 missing".  Context: a requirement (only non-zero counts exist). -->
  <xsl:template name="check-counts">
    <xsl:for-each select="@inherited | @satisfied | @failed | @missing | @stale | @not-applicable">
      <xsl:sort select="string-length(substring-before('inherited satisfied failed missing stale not-applicable', name()))" data-type="number"/>
      <xsl:if test="position() &gt; 1"><xsl:text>, </xsl:text></xsl:if>
      <xsl:value-of select="concat(format-number(., '#,##0'), ' ', translate(name(), '-', ' '))"/>
    </xsl:for-each>
  </xsl:template>

  <!-- "HIPAA", "SOC 2", "FedRAMP Moderate".  Context: a framework. -->
  <xsl:template name="framework-label">
    <xsl:call-template name="framework-name"><xsl:with-param name="id" select="@id"/></xsl:call-template>
    <xsl:if test="@baseline">
      <xsl:text> </xsl:text>
      <xsl:call-template name="baseline-name"><xsl:with-param name="b" select="@baseline"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="score-text">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="string($s) != ''"><xsl:value-of select="concat($s, ' %')"/></xsl:when>
      <xsl:otherwise>n/a</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- n percentages that add up to exactly $total (100). -->
  <xsl:template name="equal-widths">
    <xsl:param name="n"/>
    <xsl:param name="total" select="100"/>
    <xsl:variable name="w" select="floor(100 * $total div $n) div 100"/>
    <xsl:call-template name="repeat-width">
      <xsl:with-param name="w" select="$w"/>
      <xsl:with-param name="k" select="$n - 1"/>
    </xsl:call-template>
    <xsl:value-of select="concat(format-number($total - $w * ($n - 1), '0.##'), '%')"/>
  </xsl:template>

  <xsl:template name="repeat-width">
    <xsl:param name="w"/>
    <xsl:param name="k"/>
    <xsl:if test="$k &gt; 0">
      <xsl:value-of select="concat(format-number($w, '0.##'), '% ')"/>
      <xsl:call-template name="repeat-width">
        <xsl:with-param name="w" select="$w"/>
        <xsl:with-param name="k" select="$k - 1"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- ==== appendix A: inventory ============================================================= -->

  <xsl:template name="inventory">
    <h1 id="inventory">
      <xsl:if test="$inventory-in-appendix">Appendix A — </xsl:if>
      <xsl:text>Workload inventory</xsl:text>
    </h1>
    <p>
      <xsl:text>Every workload assessed, grouped by service model, with its number of findings and the owner of each of its layers: </xsl:text>
      <b>P</b><xsl:text> provider, </xsl:text><b>C</b><xsl:text> client (customer), </xsl:text><b>S</b>
      <xsl:text> shared. Layers, in the columns numbered 1 to </xsl:text>
      <xsl:value-of select="$nlayers"/>
      <xsl:text>: </xsl:text>
      <xsl:for-each select="$a/matrix/row">
        <xsl:if test="position() &gt; 1"><xsl:text>; </xsl:text></xsl:if>
        <b><xsl:value-of select="position()"/></b>
        <xsl:value-of select="concat(' ', @title)"/>
      </xsl:for-each>
      <xsl:text>.</xsl:text>
    </p>
    <!-- Widths: 3.8 % per layer (two digits fit the header), at most 38 % in all; "Run by" only
         when some workload has an accountable party; the workload column takes what is left,
         so that the sum is exactly 100. -->
    <xsl:variable name="run-by" select="boolean($a/workload/@accountable-party)"/>
    <xsl:variable name="lw">
      <xsl:choose>
        <xsl:when test="$nlayers &lt;= 10">3.8</xsl:when>
        <xsl:otherwise><xsl:value-of select="floor(3800 div $nlayers) div 100"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="widths">
      <xsl:value-of select="concat(format-number(100 - 19 - 10 * number($run-by) - $lw * $nlayers, '0.##'), '% 19%')"/>
      <xsl:if test="$run-by"> 10%</xsl:if>
      <xsl:for-each select="$a/matrix/row">
        <xsl:value-of select="concat(' ', format-number($lw, '0.##'), '%')"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:for-each select="$summary/model-count[@count &gt; 0]">
      <xsl:variable name="m" select="@model"/>
      <xsl:variable name="mname"><xsl:call-template name="model-name"><xsl:with-param name="m" select="$m"/></xsl:call-template></xsl:variable>
      <h2 id="inv-{$m}">
        <xsl:value-of select="concat($mname, ' (')"/>
        <xsl:call-template name="count-of"><xsl:with-param name="n" select="@count"/><xsl:with-param name="one" select="'workload'"/></xsl:call-template>
        <xsl:text>)</xsl:text>
      </h2>
      <xsl:if test="$m = 'unclassified'">
        <p>The catalog does not know these workloads’ types, so every layer is shown as the client’s until the type is added to the catalog or the inventory gives a service model.</p>
      </xsl:if>
      <table size="7.5" id="inv-{$m}-table">
        <xsl:attribute name="widths"><xsl:value-of select="$widths"/></xsl:attribute>
        <thead>
          <row>
            <cell>Workload and id</cell><cell>Type and location</cell>
            <xsl:if test="$run-by"><cell>Run by</cell></xsl:if>
            <xsl:for-each select="$a/matrix/row"><cell align="center"><xsl:value-of select="position()"/></cell></xsl:for-each>
          </row>
        </thead>
        <xsl:for-each select="key('wl-by-model', $m)[not($brief) or position() &lt;= $summary-rows]">
          <row>
            <cell>
              <b><xsl:value-of select="@name"/></b>
              <xsl:if test="@findings &gt; 0">
                <xsl:text> · </xsl:text>
                <xsl:call-template name="count-of"><xsl:with-param name="n" select="@findings"/><xsl:with-param name="one" select="'finding'"/></xsl:call-template>
              </xsl:if>
              <br/><code><xsl:value-of select="@id"/></code>
            </cell>
            <cell>
              <xsl:choose>
                <xsl:when test="@type-title"><xsl:value-of select="@type-title"/></xsl:when>
                <xsl:otherwise><code><xsl:value-of select="@type"/></code></xsl:otherwise>
              </xsl:choose>
              <xsl:if test="@location"><br/><xsl:value-of select="@location"/></xsl:if>
            </cell>
            <xsl:if test="$run-by"><cell><xsl:value-of select="@accountable-party"/></cell></xsl:if>
            <xsl:for-each select="layer">
              <cell align="center">
                <xsl:choose>
                  <xsl:when test="@owner = 'provider'"><xsl:attribute name="shade"><xsl:value-of select="$shade-provider"/></xsl:attribute>P</xsl:when>
                  <xsl:when test="@owner = 'shared'"><xsl:attribute name="shade"><xsl:value-of select="$shade-shared"/></xsl:attribute>S</xsl:when>
                  <xsl:otherwise><xsl:attribute name="shade"><xsl:value-of select="$shade-customer"/></xsl:attribute>C</xsl:otherwise>
                </xsl:choose>
              </cell>
            </xsl:for-each>
          </row>
        </xsl:for-each>
      </table>
      <xsl:call-template name="left-out"><xsl:with-param name="n" select="@count"/><xsl:with-param name="one" select="'workload'"/></xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <!-- ==== appendix B: evidence register ===================================================== -->

  <!-- ==== controls by domain ================================================================ -->

  <!-- The controls grouped by their domain (the MCSB domains), each with how its checks came
       out over the estate.  Controls that apply to no workload in scope are counted, not listed. -->
  <xsl:template name="controls-by-domain">
    <h1 id="domains">Controls by domain</h1>
    <p>
      <xsl:text>The catalog groups its controls into the twelve security domains of the Microsoft cloud security benchmark (MCSB), plus the layers the provider runs. For every control that applies to at least one workload in scope, the table counts its checks by status; the MCSB column names the benchmark control it implements. Controls that apply to no workload in scope are only counted.</xsl:text>
    </p>
    <xsl:for-each select="$a/domain">
      <xsl:variable name="cs" select="key('ctl-by-domain', @id)"/>
      <xsl:variable name="used" select="$cs[@inherited + @satisfied + @failed + @missing + @stale + @not-applicable &gt; 0]"/>
      <xsl:if test="$cs">
        <keep with-next="yes">
          <h2 id="domain-{@id}" toc="no">
            <xsl:value-of select="@title"/>
            <xsl:if test="@mcsb"><xsl:value-of select="concat(' (MCSB ', @mcsb, ')')"/></xsl:if>
          </h2>
        </keep>
        <xsl:choose>
          <xsl:when test="$used">
            <table widths="38% 10% 9% 8% 9% 7% 11% 8%" size="7.5">
              <thead>
                <row><cell>Control</cell><cell>MCSB</cell><cell align="right">Satisfied</cell><cell align="right">Failed</cell><cell align="right">Missing</cell><cell align="right">Stale</cell><cell align="right">Inherited</cell><cell align="right">N/A</cell></row>
              </thead>
              <xsl:for-each select="$used">
                <row>
                  <cell><xsl:value-of select="title"/><br/><code><xsl:value-of select="@id"/></code></cell>
                  <cell>
                    <xsl:for-each select="ref[@framework = 'mcsb']">
                      <xsl:if test="position() &gt; 1"><xsl:text>, </xsl:text></xsl:if>
                      <xsl:value-of select="@id"/>
                    </xsl:for-each>
                  </cell>
                  <cell align="right"><xsl:call-template name="num"><xsl:with-param name="n" select="@satisfied"/></xsl:call-template></cell>
                  <cell align="right">
                    <xsl:if test="@failed &gt; 0"><xsl:attribute name="shade">#FBE3E1</xsl:attribute></xsl:if>
                    <xsl:call-template name="num"><xsl:with-param name="n" select="@failed"/></xsl:call-template>
                  </cell>
                  <cell align="right">
                    <xsl:if test="@missing &gt; 0"><xsl:attribute name="shade">#FFF1D6</xsl:attribute></xsl:if>
                    <xsl:call-template name="num"><xsl:with-param name="n" select="@missing"/></xsl:call-template>
                  </cell>
                  <cell align="right"><xsl:call-template name="num"><xsl:with-param name="n" select="@stale"/></xsl:call-template></cell>
                  <cell align="right"><xsl:call-template name="num"><xsl:with-param name="n" select="@inherited"/></xsl:call-template></cell>
                  <cell align="right"><xsl:call-template name="num"><xsl:with-param name="n" select="@not-applicable"/></xsl:call-template></cell>
                </row>
              </xsl:for-each>
            </table>
            <xsl:if test="count($cs) &gt; count($used)">
              <p size="8"><i>
                <xsl:call-template name="count-of"><xsl:with-param name="n" select="count($cs) - count($used)"/><xsl:with-param name="one" select="'other control'"/></xsl:call-template>
                <xsl:text> of this domain apply to no workload in scope.</xsl:text>
              </i></p>
            </xsl:if>
          </xsl:when>
          <xsl:otherwise>
            <p size="8"><i>
              <xsl:text>None of its </xsl:text>
              <xsl:call-template name="count-of"><xsl:with-param name="n" select="count($cs)"/><xsl:with-param name="one" select="'control'"/></xsl:call-template>
              <xsl:text> applies to a workload in scope.</xsl:text>
            </i></p>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- ==== evidence coverage ================================================================== -->

  <xsl:variable name="unmapped-max" select="150"/>
  <xsl:variable name="requirement-controls-max" select="12"/>

  <!-- What each evidence file gave, as the run's line per file says: records, applied, unmapped,
       about resources outside the inventory, for another tenant, deliberately ignored; the
       evidence records they made and how many decided checks; then the identifiers the catalog
       does not map, with how many records named each. -->
  <xsl:template name="coverage">
    <xsl:variable name="ins" select="$a/inputs/input[@role = 'evidence']"/>
    <h1 id="coverage"><xsl:value-of select="concat('Appendix ', $app-coverage, ' — Evidence coverage')"/></h1>
    <p>
      <xsl:text>How much of each evidence file reached the assessment. </xsl:text>
      <i>Records</i><xsl:text> counts the file’s records; </xsl:text>
      <i>applied</i><xsl:text> those behind at least one check’s verdict; </xsl:text>
      <i>not mapped</i><xsl:text> those whose identifier the catalog does not know (listed below: map them in a catalog file to use them); </xsl:text>
      <i>outside</i><xsl:text> those about resources or subscriptions that are not in the inventory; </xsl:text>
      <i>other tenant</i><xsl:text> those about a tenant no workload belongs to; </xsl:text>
      <i>ignored</i><xsl:text> those deliberately not used (muted, manual, exempt, or known to the catalog and not mapped). </xsl:text>
      <i>Evidence</i><xsl:text> counts the evidence records the file gave (one per workload, subscription or tenant and control) and </xsl:text>
      <i>decided</i><xsl:text> how many of them decided a check.</xsl:text>
    </p>
    <xsl:choose>
      <xsl:when test="not($ins)">
        <p>No evidence files were given for this assessment.</p>
      </xsl:when>
      <xsl:otherwise>
        <table widths="20% 10% 10% 10% 10% 10% 10% 10% 10%" size="7">
          <thead>
            <row><cell>File and format</cell><cell align="right">Records</cell><cell align="right">Applied</cell><cell align="right">Not mapped</cell><cell align="right">Outside</cell><cell align="right">Other tenant</cell><cell align="right">Ignored</cell><cell align="right">Evidence</cell><cell align="right">Decided</cell></row>
          </thead>
          <xsl:for-each select="$ins">
            <row>
              <cell><code><xsl:value-of select="@path"/></code><br/><i><xsl:value-of select="@format"/></i></cell>
              <cell align="right">
                <xsl:call-template name="num"><xsl:with-param name="n" select="(@read | @records[not(../@read)])[1]"/></xsl:call-template>
              </cell>
              <cell align="right"><xsl:call-template name="num"><xsl:with-param name="n" select="number(concat('0', @records-applied))"/></xsl:call-template></cell>
              <cell align="right">
                <xsl:if test="@unmapped &gt; 0"><xsl:attribute name="shade">#FFF1D6</xsl:attribute></xsl:if>
                <xsl:call-template name="num"><xsl:with-param name="n" select="number(concat('0', @unmapped))"/></xsl:call-template>
              </cell>
              <cell align="right"><xsl:call-template name="num"><xsl:with-param name="n" select="number(concat('0', @unmatched))"/></xsl:call-template></cell>
              <cell align="right">
                <xsl:if test="@other-tenant &gt; 0"><xsl:attribute name="shade">#FFF1D6</xsl:attribute></xsl:if>
                <xsl:call-template name="num"><xsl:with-param name="n" select="number(concat('0', @other-tenant))"/></xsl:call-template>
              </cell>
              <cell align="right"><xsl:call-template name="num"><xsl:with-param name="n" select="number(concat('0', @ignored))"/></xsl:call-template></cell>
              <cell align="right"><xsl:call-template name="num"><xsl:with-param name="n" select="number(concat('0', @evidence))"/></xsl:call-template></cell>
              <cell align="right"><xsl:call-template name="num"><xsl:with-param name="n" select="number(concat('0', @applied))"/></xsl:call-template></cell>
            </row>
          </xsl:for-each>
        </table>
        <xsl:variable name="um" select="$ins/unmapped"/>
        <xsl:choose>
          <xsl:when test="not($um)">
            <p>Every identifier in the evidence files is known to the catalog.</p>
          </xsl:when>
          <xsl:otherwise>
            <keep with-next="yes">
              <h2 id="coverage-unmapped">Unmapped identifiers</h2>
              <p>
                <xsl:call-template name="count-of"><xsl:with-param name="n" select="count($um)"/><xsl:with-param name="one" select="'identifier'"/></xsl:call-template>
                <xsl:text> that the catalog does not map, most frequent first</xsl:text>
                <xsl:if test="count($um) &gt; $unmapped-max">
                  <xsl:value-of select="concat('; the first ', $unmapped-max, ' are listed and the assessment XML holds them all')"/>
                </xsl:if>
                <xsl:text>. Their records gave no evidence.</xsl:text>
              </p>
            </keep>
            <table widths="52% 18% 20% 10%" size="7.5">
              <thead>
                <row><cell>Identifier</cell><cell>Source</cell><cell>File</cell><cell align="right">Records</cell></row>
              </thead>
              <xsl:for-each select="$um">
                <xsl:sort select="@count" data-type="number" order="descending"/>
                <xsl:sort select="@id"/>
                <xsl:if test="position() &lt;= $unmapped-max">
                  <row>
                    <cell><code><xsl:value-of select="@id"/></code></cell>
                    <cell><xsl:value-of select="@source"/></cell>
                    <cell><code><xsl:value-of select="../@path"/></code></cell>
                    <cell align="right"><xsl:call-template name="num"><xsl:with-param name="n" select="@count"/></xsl:call-template></cell>
                  </row>
                </xsl:if>
              </xsl:for-each>
            </table>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="evidence-register">
    <h1 id="evidence"><xsl:value-of select="concat('Appendix ', $app-evidence, ' — Evidence register')"/></h1>
    <xsl:choose>
      <xsl:when test="not($a/evidence)">
        <p>No evidence records were given for this assessment.</p>
      </xsl:when>
      <xsl:otherwise>
        <p>
          <xsl:text>Every evidence record read, in input order. The SHA-256 is the hash of the artifact as stated in the record; where srmap read the artifact it shows whether the file matches it. Records marked </xsl:text>
          <i>not used</i>
          <xsl:text> decided no check: a record for a narrower scope or a newer one won, or the control does not apply to the workloads the record names.</xsl:text>
          <xsl:if test="string($attach-limit) != ''">
            <xsl:text> </xsl:text>
            <xsl:call-template name="attachment-summary"/>
          </xsl:if>
        </p>
        <table widths="10% 16% 17% 9% 11% 13% 24%" size="7.5">
          <thead>
            <row><cell>Id</cell><cell>Control</cell><cell>Scope</cell><cell>Result</cell><cell>Collected at</cell><cell>Collected by</cell><cell>Artifact and SHA-256</cell></row>
          </thead>
          <xsl:for-each select="$a/evidence[not($brief) or position() &lt;= $summary-rows]">
            <row>
              <cell><code><xsl:value-of select="@id"/></code></cell>
              <cell>
                <xsl:variable name="c" select="key('control', @control)"/>
                <xsl:choose>
                  <xsl:when test="$c"><xsl:value-of select="$c/title"/></xsl:when>
                  <xsl:otherwise><code><xsl:value-of select="@control"/></code></xsl:otherwise>
                </xsl:choose>
              </cell>
              <cell>
                <xsl:choose>
                  <xsl:when test="@scope = 'workload'">
                    <xsl:variable name="w" select="key('workload', @workload)"/>
                    <xsl:choose>
                      <xsl:when test="$w"><xsl:value-of select="$w/@name"/></xsl:when>
                      <xsl:otherwise><code><xsl:value-of select="@scope-id"/></code></xsl:otherwise>
                    </xsl:choose>
                  </xsl:when>
                  <xsl:when test="@scope = 'subscription'">Subscription<br/><code><xsl:value-of select="@scope-id"/></code></xsl:when>
                  <xsl:otherwise>Tenant<br/><xsl:value-of select="@scope-id"/></xsl:otherwise>
                </xsl:choose>
              </cell>
              <cell>
                <xsl:choose>
                  <xsl:when test="@result = 'pass'"><badge status="satisfied">Pass</badge></xsl:when>
                  <xsl:when test="@result = 'fail'"><badge status="failed">Fail</badge></xsl:when>
                  <xsl:otherwise><badge status="not-applicable">N/A</badge></xsl:otherwise>
                </xsl:choose>
                <xsl:if test="@used = 'false'"><br/><i>not used</i></xsl:if>
              </cell>
              <cell><xsl:call-template name="time"><xsl:with-param name="t" select="@collected-at"/></xsl:call-template></cell>
              <cell><xsl:value-of select="@collected-by"/></cell>
              <cell>
                <xsl:choose>
                  <xsl:when test="@artifact-state = 'verified'"><badge status="satisfied">Hash verified</badge><br/></xsl:when>
                  <xsl:when test="@artifact-state = 'mismatch'"><badge status="failed">Hash mismatch</badge><br/></xsl:when>
                  <xsl:when test="@artifact-state = 'missing'"><badge status="missing">File missing</badge><br/></xsl:when>
                  <xsl:when test="@artifact-state = 'unverified'"><badge status="not-assessed">Not verified</badge><br/></xsl:when>
                </xsl:choose>
                <xsl:if test="@artifact"><code><xsl:value-of select="@artifact"/></code></xsl:if>
                <xsl:if test="@artifact and @sha256"><br/></xsl:if>
                <xsl:if test="@sha256"><code><xsl:value-of select="@sha256"/></code></xsl:if>
                <!-- the hash srmap computed, where it tells the reader something -->
                <xsl:if test="@artifact-sha256 and (not(@sha256) or @artifact-state = 'mismatch')">
                  <br/><i>file: </i><code><xsl:value-of select="@artifact-sha256"/></code>
                </xsl:if>
                <xsl:if test="not(@artifact) and not(@sha256)"><i>none</i></xsl:if>
                <xsl:call-template name="attachment-note"/>
              </cell>
            </row>
          </xsl:for-each>
        </table>
        <xsl:if test="$brief">
          <xsl:call-template name="left-out"><xsl:with-param name="n" select="count($a/evidence)"/><xsl:with-param name="one" select="'evidence record'"/></xsl:call-template>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "Attached to this PDF" (and the attachment's name when it is not the artifact path) or
       "Not attached: ..." under an evidence record's artifact.  Context: an evidence record. -->
  <xsl:template name="attachment-note">
    <xsl:if test="string($attach-limit) != '' and @artifact">
      <xsl:variable name="name" select="substring-before(substring-after($attachments, concat('&#10;', @id, '&#9;')), '&#10;')"/>
      <br/>
      <xsl:choose>
        <xsl:when test="$name != ''">
          <b>Attached</b>
          <xsl:if test="$name != @artifact"><xsl:text> as </xsl:text><code><xsl:value-of select="$name"/></code></xsl:if>
        </xsl:when>
        <xsl:when test="contains($attachments-skipped, concat('&#10;', @id, '&#10;'))"><i>Not attached: over the size limit</i></xsl:when>
        <xsl:when test="@artifact-state = 'missing'"><i>Not attached: no file</i></xsl:when>
        <xsl:when test="@artifact-state = 'mismatch'"><i>Not attached: not the file recorded</i></xsl:when>
        <xsl:otherwise><i>Not attached</i></xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <!-- One or two sentences on the artifacts attached to this PDF. -->
  <xsl:template name="attachment-summary">
    <xsl:variable name="n-attached" select="string-length($attachments) - string-length(translate($attachments, '&#9;', ''))"/>
    <xsl:variable name="n-skipped" select="string-length($attachments-skipped) - string-length(translate($attachments-skipped, '&#10;', '')) - number($attachments-skipped != '')"/>
    <xsl:variable name="limit-text">
      <xsl:choose>
        <xsl:when test="$attach-limit &gt;= 1048576"><xsl:value-of select="concat(format-number($attach-limit div 1048576, '#,##0.#'), ' MB')"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="concat(format-number($attach-limit, '#,##0'), ' bytes')"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$n-attached = 0 and $n-skipped = 0">No evidence artifact could be attached to this PDF: no record names an artifact file that srmap found and, where the record states a hash, matched.</xsl:when>
      <xsl:otherwise>
        <xsl:text>The artifact files of </xsl:text>
        <xsl:call-template name="count-of"><xsl:with-param name="n" select="$n-attached"/><xsl:with-param name="one" select="'evidence record'"/></xsl:call-template>
        <xsl:text> are attached to this PDF, each under its path as the record gives it (a PDF reader lists them in its attachments panel); the register marks them </xsl:text>
        <b>Attached</b>
        <xsl:text>.</xsl:text>
        <xsl:if test="$n-skipped &gt; 0">
          <xsl:text> The artifacts of </xsl:text>
          <xsl:call-template name="count-of"><xsl:with-param name="n" select="$n-skipped"/><xsl:with-param name="one" select="'more record'"/></xsl:call-template>
          <xsl:value-of select="concat(' are not attached, because together they would pass the limit of ', $limit-text, ' on attached files; they are marked ')"/>
          <i>Not attached: over the size limit</i>
          <xsl:text>.</xsl:text>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ==== appendix C: methodology =========================================================== -->

  <xsl:template name="methodology">
    <h1 id="method"><xsl:value-of select="concat('Appendix ', $app-method, ' — Methodology')"/></h1>
    <h2 id="method-model">The shared-responsibility model</h2>
    <p>In the cloud, security is split between the provider and the client. The provider always runs the physical datacenters, network and hosts. With IaaS the client runs the operating system and everything above it; with PaaS the provider also runs the operating system; with SaaS it runs the application too. Identities, data, service settings and client devices stay the client’s under every model, and on-premises every layer is.</p>
    <p>
      <xsl:text>srmap gives each workload the owner of each layer from the </xsl:text>
      <link to="matrix">responsibility matrix</link>
      <xsl:text> for its service model, then checks every control of the catalog that applies to the workload. A control belongs to one layer, so whoever owns that layer owns the control.</xsl:text>
    </p>
    <keep>
    <h2 id="method-checks">How a check’s status is decided</h2>
    <p>The first rule that fits decides:</p>
    <table widths="5% 95%" size="9" zebra="no">
      <row><cell align="right">1.</cell><cell><xsl:text>The layer is the provider’s: </xsl:text><badge status="inherited">Inherited</badge><xsl:text>. No evidence is consulted.</xsl:text></cell></row>
      <row><cell align="right">2.</cell><cell><xsl:text>No evidence record names the control for the workload, its subscription or its tenant: </xsl:text><badge status="missing">Missing</badge><xsl:text>.</xsl:text></cell></row>
      <row><cell align="right">3.</cell><cell><xsl:text>The deciding record says the control does not apply: </xsl:text><badge status="not-applicable">Not applicable</badge><xsl:text>.</xsl:text></cell></row>
      <row><cell align="right">4.</cell><cell><xsl:text>It says the control failed: </xsl:text><badge status="failed">Failed</badge><xsl:text>, however old the record.</xsl:text></cell></row>
      <row>
        <cell align="right">5.</cell>
        <cell>
          <xsl:text>It says the control passed but was collected more than </xsl:text>
          <xsl:call-template name="count-of"><xsl:with-param name="n" select="$profile/@max-evidence-age-days"/><xsl:with-param name="one" select="'day'"/></xsl:call-template>
          <xsl:text> before the as-of date</xsl:text>
          <xsl:if test="$profile/@undated-evidence = 'stale'"><xsl:text>, or when it was collected is unknown</xsl:text></xsl:if>
          <xsl:text>: </xsl:text><badge status="stale">Stale</badge><xsl:text>.</xsl:text>
        </cell>
      </row>
      <row><cell align="right">6.</cell><cell><xsl:text>Otherwise: </xsl:text><badge status="satisfied">Satisfied</badge><xsl:text>.</xsl:text></cell></row>
    </table>
    </keep>
    <p>The deciding record has the narrowest scope (workload, then subscription, then tenant), then is the latest; at the same time, fail beats not applicable, which beats pass. Shared layers are decided like the client’s own. Failed and missing checks are findings at the control’s severity, stale ones one level lower; an unclassified workload is a medium finding.</p>
    <keep>
    <h2 id="method-requirements">Requirement statuses</h2>
    <p>A framework requirement adds up all checks, over all workloads, of every control that cites it exactly. Good checks are satisfied or inherited; bad checks are failed, missing or stale.</p>
    <table widths="20% 80%" size="9" zebra="no">
      <xsl:call-template name="status-row"><xsl:with-param name="s" select="'met'"/>
        <xsl:with-param name="text">No bad checks, and at least one satisfied.</xsl:with-param></xsl:call-template>
      <xsl:call-template name="status-row"><xsl:with-param name="s" select="'inherited'"/>
        <xsl:with-param name="text">No bad checks, and every good check is inherited from the provider.</xsl:with-param></xsl:call-template>
      <xsl:call-template name="status-row"><xsl:with-param name="s" select="'partially-met'"/>
        <xsl:with-param name="text">Both good and bad checks.</xsl:with-param></xsl:call-template>
      <xsl:call-template name="status-row"><xsl:with-param name="s" select="'not-met'"/>
        <xsl:with-param name="text">Bad checks only.</xsl:with-param></xsl:call-template>
      <xsl:call-template name="status-row"><xsl:with-param name="s" select="'not-applicable'"/>
        <xsl:with-param name="text">Cited, but every check behind it is not applicable.</xsl:with-param></xsl:call-template>
      <xsl:call-template name="status-row"><xsl:with-param name="s" select="'not-assessed'"/>
        <xsl:with-param name="text">No control cites it, or the controls that cite it apply to no workload in scope.</xsl:with-param></xsl:call-template>
    </table>
    </keep>
    <h2 id="method-scores">Scores</h2>
    <ul>
      <li><b>Framework score</b><xsl:text> = (met + inherited + 0.5 × partially met) / assessed requirements, where assessed = met + partially met + not met + inherited. Not-applicable and not-assessed requirements do not count.</xsl:text></li>
      <li><b>Coverage</b><xsl:text> = assessed requirements / all requirements of the framework (for FedRAMP, all controls of the baseline).</xsl:text></li>
      <li><b>Overall score</b><xsl:text> = (satisfied + inherited) / (all checks − not-applicable checks): the share of decided checks that are in order. Missing and stale checks count against it.</xsl:text></li>
      <li>
        <xsl:text>Percentages are rounded half up to one decimal. FedRAMP requirements are the NIST SP 800-53 Rev 5 controls of the </xsl:text>
        <xsl:value-of select="$baseline"/>
        <xsl:text> baseline, matched exactly (AC-2 does not count for AC-2(1)). Catalog </xsl:text>
        <xsl:value-of select="$a/@catalog-version"/>
        <xsl:value-of select="concat(', srmap ', $a/@tool-version, '.')"/>
      </li>
    </ul>
  </xsl:template>

  <!-- ==== appendix D: provenance ============================================================ -->

  <xsl:template name="provenance">
    <h1 id="provenance"><xsl:value-of select="concat('Appendix ', $app-provenance, ' — Provenance of this run')"/></h1>
    <p>What this report was made from and how, so that it can be reproduced and checked: <code>srmap verify assessment.xml</code> re-hashes every file below and says whether it still matches.</p>
    <table widths="24% 76%" size="8.5" zebra="no">
      <row><cell><b>Generated</b></cell><cell><xsl:call-template name="time"><xsl:with-param name="t" select="$a/@generated"/></xsl:call-template></cell></row>
      <row><cell><b>As of</b></cell><cell><xsl:value-of select="$as-of"/></cell></row>
      <row><cell><b>srmap version</b></cell><cell><xsl:value-of select="$a/@tool-version"/></cell></row>
      <row>
        <cell><b>Catalog</b></cell>
        <cell>
          <xsl:value-of select="concat('version ', $a/@catalog-version)"/>
          <xsl:if test="$a/@catalog-sha256">
            <br/><xsl:text>SHA-256 </xsl:text><code><xsl:value-of select="$a/@catalog-sha256"/></code>
            <br/><i>over the list of catalog files below with their SHA-256, in the order they were merged</i>
          </xsl:if>
        </cell>
      </row>
      <row>
        <cell><b>Templates</b></cell>
        <cell>
          <xsl:for-each select="$a/inputs/input[@role = 'template']">
            <xsl:if test="position() &gt; 1"><br/></xsl:if>
            <code><xsl:value-of select="@path"/></code>
          </xsl:for-each>
          <xsl:if test="not($a/inputs/input[@role = 'template'])"><i>none recorded</i></xsl:if>
        </cell>
      </row>
      <row>
        <cell><b>Profile</b></cell>
        <cell>
          <xsl:choose>
            <xsl:when test="$profile/@file"><code><xsl:value-of select="$profile/@file"/></code></xsl:when>
            <xsl:otherwise><i>none: the defaults</i></xsl:otherwise>
          </xsl:choose>
        </cell>
      </row>
      <xsl:if test="$a/command-line">
        <row><cell><b>Command line</b></cell><cell><code><xsl:value-of select="$a/command-line"/></code></cell></row>
      </xsl:if>
      <xsl:if test="string($attach-limit) != ''">
        <row><cell><b>Evidence attached</b></cell><cell><xsl:call-template name="attachment-summary"/></cell></row>
      </xsl:if>
    </table>
    <h2 id="provenance-inputs">Files read</h2>
    <p>Every file the run read, with the format srmap detected, the records it took from the file, its size and its SHA-256.</p>
    <table widths="9% 27% 13% 9% 8% 34%" size="7.5">
      <thead><row><cell>Role</cell><cell>File</cell><cell>Format</cell><cell align="right">Records</cell><cell align="right">Bytes</cell><cell>SHA-256</cell></row></thead>
      <xsl:for-each select="$a/inputs/input">
        <row>
          <cell><xsl:value-of select="@role"/></cell>
          <cell><code><xsl:value-of select="@path"/></code></cell>
          <cell><xsl:value-of select="@format"/></cell>
          <cell align="right">
            <xsl:choose>
              <xsl:when test="@role = 'catalog' or @role = 'template'">—</xsl:when>
              <xsl:otherwise><xsl:value-of select="format-number(@records, '#,##0')"/></xsl:otherwise>
            </xsl:choose>
          </cell>
          <cell align="right"><xsl:value-of select="format-number(@size, '#,##0')"/></cell>
          <cell><code><xsl:value-of select="@sha256"/></code></cell>
        </row>
      </xsl:for-each>
    </table>
    <xsl:variable name="replaced" select="$a/inputs/input/replaced"/>
    <xsl:if test="$replaced">
      <h2 id="provenance-replaced">Text replaced</h2>
      <p>
        <xsl:text>XML cannot carry some control characters. In </xsl:text>
        <xsl:call-template name="count-of"><xsl:with-param name="n" select="count($replaced)"/><xsl:with-param name="one" select="'string'"/></xsl:call-template>
        <xsl:text> of the files read, srmap replaced each such character by U+FFFD (shown as a replacement mark) in this report and every other output; the SHA-256 of each original string ties the text here to the file</xsl:text>
        <xsl:if test="count($replaced) &gt; 50"><xsl:text>. The first 50 are listed; the assessment XML lists all</xsl:text></xsl:if>
        <xsl:text>.</xsl:text>
      </p>
      <table widths="30% 16% 10% 44%" size="7.5">
        <thead><row><cell>File</cell><cell>Line:column</cell><cell align="right">Replaced</cell><cell>SHA-256 of the original string</cell></row></thead>
        <xsl:for-each select="$replaced[position() &lt;= 50]">
          <row>
            <cell><code><xsl:value-of select="../@path"/></code></cell>
            <cell>
              <xsl:value-of select="concat(@line, ':', @col)"/>
              <xsl:if test="@key = 'true'"><xsl:text> (its key)</xsl:text></xsl:if>
            </cell>
            <cell align="right"><xsl:value-of select="@chars"/></cell>
            <cell><code><xsl:value-of select="@sha256"/></code></cell>
          </row>
        </xsl:for-each>
      </table>
    </xsl:if>
    <h2 id="provenance-warnings">Warnings</h2>
    <xsl:variable name="nd" select="count($a/diagnostic)"/>
    <xsl:choose>
      <xsl:when test="$nd = 0"><p>The run reported no warnings.</p></xsl:when>
      <xsl:otherwise>
        <keep with-next="yes"><p>
          <xsl:text>The run reported </xsl:text>
          <xsl:call-template name="count-of"><xsl:with-param name="n" select="$nd"/><xsl:with-param name="one" select="'warning'"/></xsl:call-template>
          <xsl:if test="$nd &gt; 20"><xsl:text>; the first 20</xsl:text></xsl:if>
          <xsl:text>:</xsl:text>
        </p></keep>
        <ul>
          <xsl:for-each select="$a/diagnostic[position() &lt;= 20]">
            <li>
              <xsl:if test="@file">
                <code>
                  <xsl:value-of select="@file"/>
                  <xsl:if test="@line"><xsl:value-of select="concat(':', @line)"/></xsl:if>
                </code>
                <xsl:text>: </xsl:text>
              </xsl:if>
              <xsl:value-of select="."/>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ==== helpers: labels, dates, numbers ==================================================
       Kept in this file rather than imported: a template that srmap runs should not depend on
       how xsl:import is resolved.  Every helper is cheap (no node-set work). -->


  <!-- "2026-11-20T00:00:00Z" -> "2026-11-20 00:00 UTC".  Every time in the assessment XML is UTC
       and ends in Z; anything else is shown as given. -->
  <xsl:template name="time">
    <xsl:param name="t"/>
    <xsl:choose>
      <xsl:when test="string-length($t) = 20 and substring($t, 11, 1) = 'T' and substring($t, 20) = 'Z'">
        <xsl:value-of select="concat(substring($t, 1, 10), ' ', substring($t, 12, 5), ' UTC')"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$t"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- 12345 -> "12,345" -->
  <xsl:template name="num">
    <xsl:param name="n"/>
    <xsl:value-of select="format-number($n, '#,##0')"/>
  </xsl:template>

  <!-- "3 workloads", "1 workload": n, singular and (optional) plural noun. -->
  <xsl:template name="count-of">
    <xsl:param name="n"/>
    <xsl:param name="one"/>
    <xsl:param name="many" select="concat($one, 's')"/>
    <xsl:value-of select="format-number($n, '#,##0')"/>
    <xsl:text> </xsl:text>
    <xsl:choose>
      <xsl:when test="number($n) = 1"><xsl:value-of select="$one"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$many"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Percentage of part in whole with one decimal, "0.0" when whole is 0. -->
  <xsl:template name="percent">
    <xsl:param name="part"/>
    <xsl:param name="whole"/>
    <xsl:choose>
      <xsl:when test="number($whole) &gt; 0">
        <xsl:value-of select="format-number(100 * $part div $whole, '0.0')"/>
      </xsl:when>
      <xsl:otherwise>0.0</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Framework ids (scope, framework/@id, ref/@framework) to names. -->
  <xsl:template name="framework-name">
    <xsl:param name="id"/>
    <xsl:choose>
      <xsl:when test="$id = 'hipaa'">HIPAA</xsl:when>
      <xsl:when test="$id = 'soc2'">SOC 2</xsl:when>
      <xsl:when test="$id = 'fedramp'">FedRAMP</xsl:when>
      <xsl:when test="$id = 'nist-800-53'">NIST SP 800-53</xsl:when>
      <xsl:when test="$id = 'mcsb'">MCSB</xsl:when>
      <xsl:otherwise><xsl:value-of select="$id"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "moderate" -> "Moderate" -->
  <xsl:template name="baseline-name">
    <xsl:param name="b"/>
    <xsl:choose>
      <xsl:when test="$b = 'low'">Low</xsl:when>
      <xsl:when test="$b = 'moderate'">Moderate</xsl:when>
      <xsl:when test="$b = 'high'">High</xsl:when>
      <xsl:otherwise><xsl:value-of select="$b"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="model-name">
    <xsl:param name="m"/>
    <xsl:choose>
      <xsl:when test="$m = 'iaas'">IaaS</xsl:when>
      <xsl:when test="$m = 'paas'">PaaS</xsl:when>
      <xsl:when test="$m = 'saas'">SaaS</xsl:when>
      <xsl:when test="$m = 'onprem'">On-premises</xsl:when>
      <xsl:when test="$m = 'unclassified'">Unclassified</xsl:when>
      <xsl:otherwise><xsl:value-of select="$m"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="owner-name">
    <xsl:param name="o"/>
    <xsl:choose>
      <xsl:when test="$o = 'provider'">Provider</xsl:when>
      <xsl:when test="$o = 'customer'">Customer</xsl:when>
      <xsl:when test="$o = 'shared'">Shared</xsl:when>
      <xsl:otherwise><xsl:value-of select="$o"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Check, requirement and finding statuses, severities and evidence results, capitalised. -->
  <xsl:template name="status-name">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="$s = 'inherited'">Inherited</xsl:when>
      <xsl:when test="$s = 'satisfied'">Satisfied</xsl:when>
      <xsl:when test="$s = 'failed'">Failed</xsl:when>
      <xsl:when test="$s = 'missing'">Missing</xsl:when>
      <xsl:when test="$s = 'stale'">Stale</xsl:when>
      <xsl:when test="$s = 'not-applicable'">Not applicable</xsl:when>
      <xsl:when test="$s = 'met'">Met</xsl:when>
      <xsl:when test="$s = 'partially-met'">Partially met</xsl:when>
      <xsl:when test="$s = 'not-met'">Not met</xsl:when>
      <xsl:when test="$s = 'not-assessed'">Not assessed</xsl:when>
      <xsl:when test="$s = 'unclassified'">Unclassified</xsl:when>
      <xsl:when test="$s = 'artifact-missing'">Artifact missing</xsl:when>
      <xsl:when test="$s = 'artifact-mismatch'">Artifact changed</xsl:when>
      <xsl:when test="$s = 'no-baa'">No BAA</xsl:when>
      <xsl:when test="$s = 'critical'">Critical</xsl:when>
      <xsl:when test="$s = 'high'">High</xsl:when>
      <xsl:when test="$s = 'medium'">Medium</xsl:when>
      <xsl:when test="$s = 'low'">Low</xsl:when>
      <xsl:when test="$s = 'pass'">Pass</xsl:when>
      <xsl:when test="$s = 'fail'">Fail</xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The first sentence of a text (up to and including the first ". "), or all of it. -->
  <xsl:template name="first-sentence">
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="contains($text, '. ')">
        <xsl:value-of select="concat(substring-before($text, '. '), '.')"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
