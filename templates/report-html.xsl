<?xml version="1.0" encoding="UTF-8"?>
<!--
  report-html.xsl - the assessment as one self-contained HTML page (docs/html.md).

  The same content as the PDF report, for reading in a browser and for sharing as one file:
  the executive summary (scores per framework in scope, findings by severity, the main gaps,
  two charts), what changed since the baseline, scope and method, the responsibility matrix,
  the controls by domain with their checks, the findings grouped by control domain, a table of
  every finding that can be filtered and sorted, one section per framework, the workload
  inventory, the evidence register, the evidence coverage and the provenance of the run.  Plain
  XSLT 1.0; the output is HTML5.

  Self-contained: the style sheet, the charts (SVG) and the script are inline, and nothing is
  loaded from anywhere (no fonts, images or scripts by address; every link points into the
  page).  The profile's logo is not shown: a copy of this template can put an inline SVG in the
  header instead.

  The script only adds to the page: it shows the filters of the findings table (hidden without
  it) and turns the column headers of that table into sort buttons.  What it filters on comes
  from data- attributes of the table's rows; nothing from the assessment is written into the
  script.  Without JavaScript the table is complete and the page reads the same.

  Deterministic: the only time shown is the assessment's own (as-of and generated); ids of
  anchors come from the ids in the assessment, never from generate-id().

  Speed: as in report-pdf.xsl, every count comes from the counts srmap wrote, lookups go through
  xsl:key, and findings are grouped by looking up each control once.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:srmap="urn:srmap:xslt" exclude-result-prefixes="srmap">

  <srmap:reads parts="profile inputs summary matrix control workload evidence finding framework drift diagnostics"/>

  <!-- about:legacy-compat makes libxslt write the HTML5 doctype, <!DOCTYPE html> -->
  <xsl:output method="html" encoding="UTF-8" doctype-system="about:legacy-compat" indent="no"/>
  <xsl:strip-space elements="*"/>

  <!-- ==== lookups ============================================================================ -->

  <xsl:key name="workload" match="/assessment/workload" use="@id"/>
  <xsl:key name="removed-workload" match="/assessment/drift/workload-removed" use="@id"/>
  <xsl:key name="control" match="/assessment/control" use="@id"/>
  <xsl:key name="ctl-by-domain" match="/assessment/control" use="@domain"/>
  <xsl:key name="domain" match="/assessment/domain" use="@id"/>
  <xsl:key name="evidence" match="/assessment/evidence" use="@id"/>
  <xsl:key name="layer" match="/assessment/matrix/row" use="@layer"/>
  <xsl:key name="wl-by-model" match="/assessment/workload" use="@service-model"/>
  <xsl:key name="ev-by-control" match="/assessment/evidence" use="@control"/>
  <!-- Findings about a control on a workload or across an organisation ... -->
  <xsl:key name="f-ctl" match="/assessment/finding[@control and (@workload or @scope = 'organisation')]"
           use="@control"/>
  <!-- ... and the others (unclassified workloads, evidence artifacts, no BAA), by status. -->
  <xsl:key name="f-ctl-ev" match="/assessment/finding[@control and (@workload or @scope = 'organisation') and @evidence]"
           use="concat(@control, '|', @evidence)"/>
  <xsl:key name="f-other" match="/assessment/finding[not(@control and (@workload or @scope = 'organisation'))]"
           use="@status"/>
  <!-- Whether a control counts for a framework: it is behind one of the framework's requirements
       (for FedRAMP that is a NIST citation inside the profile's baseline). -->
  <xsl:key name="fw-ctl" match="/assessment/framework/requirement/control-ref"
           use="concat(../../@id, '|', @id)"/>

  <!-- ==== common values ====================================================================== -->

  <xsl:variable name="a" select="/assessment"/>
  <xsl:variable name="profile" select="/assessment/profile"/>
  <xsl:variable name="summary" select="/assessment/summary"/>
  <xsl:variable name="frameworks" select="/assessment/framework"/>
  <xsl:variable name="client" select="string($profile/@client)"/>
  <xsl:variable name="assessor" select="string($profile/@assessor)"/>
  <xsl:variable name="lang">
    <xsl:choose>
      <xsl:when test="string($profile/@language)"><xsl:value-of select="$profile/@language"/></xsl:when>
      <xsl:otherwise>en</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <!-- The brand colour goes into the style sheet, so it must be exactly #RRGGBB. -->
  <xsl:variable name="brand">
    <xsl:variable name="c" select="string($profile/branding/@color)"/>
    <xsl:choose>
      <xsl:when test="string-length($c) = 7 and substring($c, 1, 1) = '#'
                      and translate(substring($c, 2), '0123456789abcdefABCDEF', '') = ''">
        <xsl:value-of select="$c"/>
      </xsl:when>
      <xsl:otherwise>#1F4E79</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="as-of">
    <xsl:call-template name="time"><xsl:with-param name="t" select="$a/@as-of"/></xsl:call-template>
  </xsl:variable>
  <xsl:variable name="baseline">
    <xsl:call-template name="baseline-name"><xsl:with-param name="b" select="$profile/@fedramp-baseline"/></xsl:call-template>
  </xsl:variable>
  <xsl:variable name="n-critical" select="number($summary/severity-count[@severity = 'critical']/@count)"/>
  <xsl:variable name="n-high" select="number($summary/severity-count[@severity = 'high']/@count)"/>
  <xsl:variable name="n-medium" select="number($summary/severity-count[@severity = 'medium']/@count)"/>
  <xsl:variable name="n-low" select="number($summary/severity-count[@severity = 'low']/@count)"/>
  <xsl:variable name="n-findings" select="number($summary/@findings)"/>
  <xsl:variable name="other-statuses" select="'|unclassified|no-baa|artifact-missing|artifact-mismatch|'"/>
  <xsl:variable name="others" select="/assessment/finding[not(@control and (@workload or @scope = 'organisation'))]"/>
  <!-- Drift lists and the lists of not-assessed requirements stop here; srmap diff has them all. -->
  <xsl:variable name="drift-max" select="200"/>
  <!-- A control's description names at most this many of its findings; the table has them all. -->
  <xsl:variable name="card-max" select="40"/>
  <!-- Unmapped identifiers listed in the evidence coverage, as in the PDF. -->
  <xsl:variable name="unmapped-max" select="150"/>

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
    <html lang="{$lang}">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="srmap {$a/@tool-version}"/>
        <title><xsl:value-of select="concat('Shared-responsibility assessment — ', $client)"/></title>
        <style>
          <xsl:value-of select="concat(':root { --brand: ', $brand, '; }')"/>
          <xsl:call-template name="css"/>
        </style>
      </head>
      <body>
        <a class="skip" href="#main">Skip to the report</a>
        <xsl:call-template name="cover"/>
        <xsl:call-template name="contents"/>
        <main id="main">
          <xsl:call-template name="executive-summary"/>
          <xsl:apply-templates select="$a/drift"/>
          <xsl:call-template name="scope-and-method"/>
          <xsl:call-template name="responsibility-model"/>
          <xsl:call-template name="controls-by-domain"/>
          <xsl:call-template name="findings"/>
          <xsl:apply-templates select="$frameworks"/>
          <xsl:call-template name="inventory"/>
          <xsl:call-template name="evidence-register"/>
          <xsl:call-template name="coverage"/>
          <xsl:call-template name="provenance"/>
        </main>
        <footer class="foot">
          <xsl:if test="string($profile/@marking)">
            <p class="marking"><xsl:value-of select="$profile/@marking"/></p>
          </xsl:if>
          <p>
            <xsl:value-of select="concat('Prepared by ', $assessor, ' for ', $client, '. Generated ')"/>
            <xsl:call-template name="time"><xsl:with-param name="t" select="$a/@generated"/></xsl:call-template>
            <xsl:value-of select="concat(' by srmap ', $a/@tool-version, ' with catalog ', $a/@catalog-version, '.')"/>
          </p>
        </footer>
        <script><xsl:call-template name="script"/></script>
      </body>
    </html>
  </xsl:template>

  <!-- ==== cover and contents ================================================================= -->

  <xsl:template name="cover">
    <header class="cover">
      <xsl:if test="string($profile/@marking)">
        <p class="marking"><xsl:value-of select="$profile/@marking"/></p>
      </xsl:if>
      <h1>Shared-responsibility assessment</h1>
      <p class="client"><xsl:value-of select="$client"/></p>
      <dl class="facts">
        <div><dt>Prepared by</dt><dd><xsl:value-of select="$assessor"/></dd></div>
        <div><dt>Prepared for</dt><dd><xsl:value-of select="$client"/></dd></div>
        <div><dt>As of</dt><dd><xsl:value-of select="$as-of"/></dd></div>
        <div>
          <dt>Scope</dt>
          <dd>
            <xsl:call-template name="count-of"><xsl:with-param name="n" select="$summary/@workloads"/><xsl:with-param name="one" select="'workload'"/></xsl:call-template>
            <xsl:if test="string($scope-text)">
              <xsl:value-of select="concat(', assessed against ', $scope-text)"/>
            </xsl:if>
          </dd>
        </div>
        <div><dt>Version</dt><dd><xsl:value-of select="concat('srmap ', $a/@tool-version, ', catalog ', $a/@catalog-version)"/></dd></div>
        <div><dt>Generated</dt><dd><xsl:call-template name="time"><xsl:with-param name="t" select="$a/@generated"/></xsl:call-template></dd></div>
      </dl>
    </header>
  </xsl:template>

  <xsl:template name="contents">
    <nav class="toc" aria-labelledby="toc-h">
      <h2 id="toc-h">Contents</h2>
      <ol>
        <li><a href="#summary">Executive summary</a></li>
        <xsl:if test="$a/drift"><li><a href="#drift">Changes since the previous assessment</a></li></xsl:if>
        <li><a href="#scope">Scope and method</a></li>
        <li><a href="#matrix">The responsibility model</a></li>
        <li><a href="#domains">Controls by domain</a></li>
        <li>
          <a href="#findings">Findings</a>
          <xsl:if test="$n-findings &gt; 0">
            <ol>
              <li><a href="#findings-by-domain">By control domain</a></li>
              <li><a href="#findings-all">Every finding (filter and sort)</a></li>
            </ol>
          </xsl:if>
        </li>
        <xsl:for-each select="$frameworks">
          <li><a href="#fw-{@id}"><xsl:call-template name="framework-label"/></a></li>
        </xsl:for-each>
        <li><a href="#inventory">Workload inventory</a></li>
        <li><a href="#evidence">Evidence register</a></li>
        <li><a href="#coverage">Evidence coverage</a></li>
        <li><a href="#provenance">Provenance of the run</a></li>
      </ol>
    </nav>
  </xsl:template>

  <!-- ==== executive summary ================================================================== -->

  <xsl:template name="executive-summary">
    <section id="summary" aria-labelledby="summary-h">
      <h2 id="summary-h">Executive summary</h2>
      <p class="verdict"><xsl:call-template name="verdict"/></p>

      <h3>Scores</h3>
      <div class="scroll">
      <table class="scores">
        <caption>Overall score and score per framework in scope</caption>
        <thead>
          <tr>
            <th scope="col">Measure</th>
            <th scope="col">Overall</th>
            <xsl:for-each select="$frameworks">
              <th scope="col"><a href="#fw-{@id}"><xsl:call-template name="framework-label"/></a></th>
            </xsl:for-each>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Score</th>
            <td class="score" data-score="overall"><xsl:call-template name="score-text"><xsl:with-param name="s" select="$summary/@overall-score"/></xsl:call-template></td>
            <xsl:for-each select="$frameworks">
              <td class="score" data-score="{@id}"><xsl:call-template name="score-text"><xsl:with-param name="s" select="@score"/></xsl:call-template></td>
            </xsl:for-each>
          </tr>
          <tr>
            <th scope="row">Basis</th>
            <td>
              <xsl:call-template name="count-of"><xsl:with-param name="n" select="$summary/@decided"/><xsl:with-param name="one" select="'decided check'"/></xsl:call-template>
            </td>
            <xsl:for-each select="$frameworks">
              <td>
                <xsl:value-of select="concat(format-number(@assessed, '#,##0'), ' of ',
                                             format-number(@requirements, '#,##0'), ' requirements assessed; coverage ',
                                             @coverage, ' %')"/>
              </td>
            </xsl:for-each>
          </tr>
        </tbody>
      </table>
      </div>
      <p class="note">Overall: the share of decided checks that are satisfied or inherited. Framework score: (met + inherited + ½ × partially met) / assessed requirements; coverage: assessed requirements / all requirements of the framework.</p>

      <h3>Findings by severity</h3>
      <ul class="tiles">
        <xsl:call-template name="severity-tile"><xsl:with-param name="sev" select="'critical'"/><xsl:with-param name="n" select="$n-critical"/></xsl:call-template>
        <xsl:call-template name="severity-tile"><xsl:with-param name="sev" select="'high'"/><xsl:with-param name="n" select="$n-high"/></xsl:call-template>
        <xsl:call-template name="severity-tile"><xsl:with-param name="sev" select="'medium'"/><xsl:with-param name="n" select="$n-medium"/></xsl:call-template>
        <xsl:call-template name="severity-tile"><xsl:with-param name="sev" select="'low'"/><xsl:with-param name="n" select="$n-low"/></xsl:call-template>
      </ul>

      <h3>The most important gaps</h3>
      <xsl:choose>
        <xsl:when test="$n-findings = 0">
          <p>There are no findings: every applicable check on a layer the client owns or shares is satisfied by current evidence or not applicable, and the provider’s layers are inherited.</p>
        </xsl:when>
        <xsl:otherwise>
          <ol class="gaps">
            <!-- The controls of the first findings, one gap each, in finding order (most severe
                 first); the finding ids number the findings in that order. -->
            <xsl:for-each select="$a/control[key('f-ctl', @id)] | $others[1]">
              <xsl:sort select="substring((key('f-ctl', self::control/@id)[1] | self::finding)/@id, 3)" data-type="number"/>
              <xsl:if test="position() &lt;= 3">
                <li><xsl:call-template name="gap"/></li>
              </xsl:if>
            </xsl:for-each>
          </ol>
        </xsl:otherwise>
      </xsl:choose>

      <div class="charts">
        <xsl:if test="$frameworks">
          <xsl:call-template name="chart-frameworks"/>
        </xsl:if>
        <xsl:call-template name="chart-owners"/>
      </div>
    </section>
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
        <strong>
          <xsl:choose>
            <xsl:when test="$s &gt;= 90">largely in place</xsl:when>
            <xsl:when test="$s &gt;= 75">mostly in place, with gaps to close</xsl:when>
            <xsl:when test="$s &gt;= 50">only partly in place</xsl:when>
            <xsl:otherwise>not yet in place for most checks</xsl:otherwise>
          </xsl:choose>
        </strong>
        <xsl:value-of select="concat(': ', $s, ' % of the decided checks are satisfied or inherited from the provider, and ')"/>
        <xsl:choose>
          <xsl:when test="$n-critical + $n-high &gt; 0">
            <xsl:if test="$n-critical &gt; 0">
              <xsl:value-of select="concat(format-number($n-critical, '#,##0'), ' critical')"/>
              <xsl:if test="$n-high &gt; 0"> and </xsl:if>
            </xsl:if>
            <xsl:if test="$n-high &gt; 0">
              <xsl:value-of select="concat(format-number($n-high, '#,##0'), ' high-severity')"/>
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
    <li class="tile tile-{$sev}" data-severity="{$sev}" data-count="{$n}">
      <span class="tile-n"><xsl:value-of select="format-number($n, '#,##0')"/></span>
      <xsl:text> </xsl:text>
      <xsl:call-template name="badge"><xsl:with-param name="s" select="$sev"/></xsl:call-template>
    </li>
  </xsl:template>

  <!-- One gap in plain words.  Context: a control with findings, or the first finding that is not
       about a control. -->
  <xsl:template name="gap">
    <xsl:choose>
      <xsl:when test="self::control">
        <xsl:variable name="fs" select="key('f-ctl', @id)"/>
        <xsl:variable name="n" select="count($fs)"/>
        <xsl:variable name="first" select="$fs[1]"/>
        <xsl:call-template name="badge"><xsl:with-param name="s" select="$first/@severity"/></xsl:call-template>
        <xsl:text> </xsl:text>
        <a href="#ctl-{@id}"><strong><xsl:value-of select="title"/></strong></a>
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
          <xsl:when test="count($fs[@status = 'failed']) = $n"><xsl:value-of select="concat(' failed on ', $who)"/></xsl:when>
          <xsl:when test="count($fs[@status = 'missing']) = $n"><xsl:value-of select="concat(' has no evidence for ', $who)"/></xsl:when>
          <xsl:when test="count($fs[@status = 'stale']) = $n"><xsl:value-of select="concat(' has evidence out of date for ', $who)"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="concat(' is a gap on ', $who)"/></xsl:otherwise>
        </xsl:choose>
        <xsl:text>. </xsl:text>
        <xsl:call-template name="first-sentence"><xsl:with-param name="text" select="remediation"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="gid"><xsl:call-template name="other-gid"/></xsl:variable>
        <xsl:call-template name="badge"><xsl:with-param name="s" select="@severity"/></xsl:call-template>
        <xsl:text> </xsl:text>
        <a href="#other-{$gid}"><strong><xsl:call-template name="other-group-title"/></strong></a>
        <xsl:text>. </xsl:text>
        <xsl:call-template name="first-sentence"><xsl:with-param name="text" select="remediation"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Horizontal bars: score and coverage of each framework, the value written on each bar. -->
  <xsl:template name="chart-frameworks">
    <xsl:variable name="h" select="26 + 58 * count($frameworks)"/>
    <figure class="chart">
      <svg class="bars" viewBox="0 0 520 {$h}" width="520" height="{$h}" role="img" aria-labelledby="chart-fw-t">
        <title id="chart-fw-t">
          <xsl:text>Score and coverage of each framework, in percent: </xsl:text>
          <xsl:for-each select="$frameworks">
            <xsl:if test="position() &gt; 1">; </xsl:if>
            <xsl:call-template name="framework-label"/>
            <xsl:text> score </xsl:text>
            <xsl:call-template name="score-text"><xsl:with-param name="s" select="@score"/></xsl:call-template>
            <xsl:value-of select="concat(', coverage ', @coverage, ' %')"/>
          </xsl:for-each>
        </title>
        <!-- the framework's name above its two bars; 0 to 100 % over 330 units from x = 140 -->
        <xsl:for-each select="$frameworks">
          <xsl:variable name="y" select="4 + 58 * (position() - 1)"/>
          <text x="0" y="{$y + 12}" class="lbl fw"><xsl:call-template name="framework-label"/></text>
          <text x="134" y="{$y + 29}" class="lbl2" text-anchor="end">score</text>
          <rect x="140" y="{$y + 18}" width="330" height="14" class="track"/>
          <xsl:if test="@score">
            <rect x="140" y="{$y + 18}" width="{format-number(3.3 * @score, '0.#')}" height="14" class="bar-score"/>
          </xsl:if>
          <text x="{format-number(146 + 3.3 * number(concat('0', @score)), '0.#')}" y="{$y + 29.5}" class="val">
            <xsl:call-template name="score-text"><xsl:with-param name="s" select="@score"/></xsl:call-template>
          </text>
          <text x="134" y="{$y + 47}" class="lbl2" text-anchor="end">coverage</text>
          <rect x="140" y="{$y + 36}" width="330" height="14" class="track"/>
          <rect x="140" y="{$y + 36}" width="{format-number(3.3 * @coverage, '0.#')}" height="14" class="bar-coverage"/>
          <text x="{format-number(146 + 3.3 * @coverage, '0.#')}" y="{$y + 47.5}" class="val"><xsl:value-of select="concat(@coverage, ' %')"/></text>
        </xsl:for-each>
        <line x1="140" y1="{$h - 16}" x2="470" y2="{$h - 16}" class="axis"/>
        <text x="140" y="{$h - 3}" class="tick" text-anchor="middle">0</text>
        <text x="305" y="{$h - 3}" class="tick" text-anchor="middle">50</text>
        <text x="470" y="{$h - 3}" class="tick" text-anchor="middle">100 %</text>
      </svg>
      <figcaption>
        <xsl:text>Score and coverage of each framework (%).</xsl:text>
        <span class="key key-score">score</span>
        <xsl:text> </xsl:text>
        <span class="key key-coverage">coverage</span>
      </figcaption>
    </figure>
  </xsl:template>

  <!-- One bar split by owner: the layer cells of all workloads (workloads × layers). -->
  <xsl:template name="chart-owners">
    <xsl:variable name="oc" select="$summary/owner-count"/>
    <xsl:variable name="total" select="sum($oc/@count)"/>
    <figure class="chart">
      <svg class="owners" viewBox="0 0 480 76" width="480" height="76" role="img" aria-labelledby="chart-own-t">
        <title id="chart-own-t">
          <xsl:text>Who owns the security layers (workloads × layers): </xsl:text>
          <xsl:for-each select="$oc">
            <xsl:if test="position() &gt; 1">, </xsl:if>
            <xsl:call-template name="owner-name"><xsl:with-param name="o" select="@owner"/></xsl:call-template>
            <xsl:value-of select="concat(' ', @count)"/>
          </xsl:for-each>
        </title>
        <xsl:if test="$total &gt; 0">
          <xsl:for-each select="$oc">
            <xsl:variable name="before" select="sum(preceding-sibling::owner-count/@count)"/>
            <xsl:variable name="x" select="460 * $before div $total"/>
            <xsl:variable name="w" select="460 * @count div $total"/>
            <rect x="{format-number(10 + $x, '0.##')}" y="8" width="{format-number($w, '0.##')}" height="30" class="own-{@owner}"/>
            <xsl:if test="$w &gt;= 36">
              <text x="{format-number(10 + $x + $w div 2, '0.##')}" y="28" class="val" text-anchor="middle"><xsl:value-of select="format-number(@count, '#,##0')"/></text>
            </xsl:if>
          </xsl:for-each>
        </xsl:if>
        <!-- the legend, with counts and shares, under the bar -->
        <xsl:for-each select="$oc">
          <xsl:variable name="x" select="10 + 156 * (position() - 1)"/>
          <rect x="{$x}" y="54" width="14" height="14" class="own-{@owner}"/>
          <text x="{$x + 20}" y="66" class="lbl">
            <xsl:call-template name="owner-name"><xsl:with-param name="o" select="@owner"/></xsl:call-template>
            <xsl:value-of select="concat(' ', format-number(@count, '#,##0'), ' (')"/>
            <xsl:call-template name="percent"><xsl:with-param name="part" select="@count"/><xsl:with-param name="whole" select="$total"/></xsl:call-template>
            <xsl:text> %)</xsl:text>
          </text>
        </xsl:for-each>
      </svg>
      <figcaption>Who owns the security layers, over all workloads × layers.</figcaption>
    </figure>
  </xsl:template>

  <!-- ==== changes since the previous assessment ============================================ -->

  <xsl:template match="drift">
    <section id="drift" aria-labelledby="drift-h">
      <h2 id="drift-h">Changes since the previous assessment</h2>
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
        <xsl:value-of select="concat(' added and ', format-number(count(workload-removed), '#,##0'), ' removed. ')"/>
        <xsl:text>Findings are matched by workload and control, not by their position in the report.</xsl:text>
      </p>
      <xsl:if test="score-change">
        <h3>Scores</h3>
        <table class="data narrow drift-scores">
          <thead><tr><th scope="col">Score</th><th scope="col" class="num">Previous</th><th scope="col" class="num">Now</th><th scope="col" class="num">Change</th></tr></thead>
          <tbody>
            <xsl:for-each select="score-change">
              <tr>
                <th scope="row">
                  <xsl:choose>
                    <xsl:when test="@score = 'overall'">Overall</xsl:when>
                    <xsl:otherwise><xsl:call-template name="framework-name"><xsl:with-param name="id" select="@score"/></xsl:call-template></xsl:otherwise>
                  </xsl:choose>
                </th>
                <td class="num"><xsl:call-template name="drift-score"><xsl:with-param name="v" select="@old"/></xsl:call-template></td>
                <td class="num"><xsl:call-template name="drift-score"><xsl:with-param name="v" select="@new"/></xsl:call-template></td>
                <td class="num">
                  <xsl:choose>
                    <xsl:when test="string(@old) = '' or string(@new) = ''">—</xsl:when>
                    <xsl:when test="number(@new) = number(@old)">no change</xsl:when>
                    <xsl:when test="number(@new) &gt; number(@old)"><xsl:value-of select="concat('▲ +', format-number(@new - @old, '0.0'))"/></xsl:when>
                    <xsl:otherwise><xsl:value-of select="concat('▼ ', format-number(@new - @old, '0.0'))"/></xsl:otherwise>
                  </xsl:choose>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:if>
      <xsl:call-template name="drift-findings">
        <xsl:with-param name="title" select="'New findings'"/>
        <xsl:with-param name="kind" select="'new'"/>
        <xsl:with-param name="items" select="new-finding"/>
        <xsl:with-param name="none" select="'No finding is new since the previous assessment.'"/>
      </xsl:call-template>
      <xsl:call-template name="drift-findings">
        <xsl:with-param name="title" select="'Resolved findings'"/>
        <xsl:with-param name="kind" select="'resolved'"/>
        <xsl:with-param name="items" select="resolved-finding"/>
        <xsl:with-param name="status-title" select="'Last status'"/>
        <xsl:with-param name="none" select="'No finding of the previous assessment has been resolved.'"/>
      </xsl:call-template>
      <xsl:if test="changed-finding">
        <h3>Findings whose status or severity changed</h3>
        <table class="data drift-list" data-drift="changed">
          <thead><tr><th scope="col">Control</th><th scope="col">Workload</th><th scope="col">Previous</th><th scope="col">Now</th></tr></thead>
          <tbody>
            <xsl:for-each select="changed-finding[position() &lt;= $drift-max]">
              <tr>
                <td><xsl:call-template name="drift-control"/></td>
                <td><xsl:call-template name="drift-workload"/></td>
                <td>
                  <xsl:call-template name="badge"><xsl:with-param name="s" select="@old-status"/></xsl:call-template>
                  <xsl:text> </xsl:text>
                  <xsl:call-template name="badge"><xsl:with-param name="s" select="@old-severity"/></xsl:call-template>
                </td>
                <td>
                  <xsl:call-template name="badge"><xsl:with-param name="s" select="@status"/></xsl:call-template>
                  <xsl:text> </xsl:text>
                  <xsl:call-template name="badge"><xsl:with-param name="s" select="@severity"/></xsl:call-template>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
        <xsl:call-template name="drift-more"><xsl:with-param name="n" select="count(changed-finding)"/></xsl:call-template>
      </xsl:if>
      <xsl:if test="workload-added or workload-removed">
        <h3>Workloads added and removed</h3>
        <table class="data drift-list" data-drift="workloads">
          <thead><tr><th scope="col">Change</th><th scope="col">Workload</th><th scope="col">Id</th></tr></thead>
          <tbody>
            <xsl:for-each select="workload-added[position() &lt;= $drift-max] | workload-removed[position() &lt;= $drift-max]">
              <tr>
                <td><xsl:choose><xsl:when test="self::workload-added">▲ added</xsl:when><xsl:otherwise>▼ removed</xsl:otherwise></xsl:choose></td>
                <td><xsl:value-of select="@name"/></td>
                <td><code><xsl:value-of select="@id"/></code></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
        <xsl:call-template name="drift-more"><xsl:with-param name="n" select="count(workload-added) + count(workload-removed)"/></xsl:call-template>
      </xsl:if>
    </section>
  </xsl:template>

  <xsl:template name="drift-findings">
    <xsl:param name="title"/>
    <xsl:param name="kind"/>
    <xsl:param name="items"/>
    <xsl:param name="none"/>
    <xsl:param name="status-title" select="'Status'"/>
    <h3><xsl:value-of select="$title"/></h3>
    <xsl:choose>
      <xsl:when test="not($items)"><p><xsl:value-of select="$none"/></p></xsl:when>
      <xsl:otherwise>
        <table class="data drift-list" data-drift="{$kind}">
          <thead><tr><th scope="col">Severity</th><th scope="col">Control</th><th scope="col">Workload</th><th scope="col"><xsl:value-of select="$status-title"/></th></tr></thead>
          <tbody>
            <xsl:for-each select="$items[position() &lt;= $drift-max]">
              <tr>
                <td><xsl:call-template name="badge"><xsl:with-param name="s" select="@severity"/></xsl:call-template></td>
                <td><xsl:call-template name="drift-control"/></td>
                <td><xsl:call-template name="drift-workload"/></td>
                <td><xsl:call-template name="badge"><xsl:with-param name="s" select="@status"/></xsl:call-template></td>
              </tr>
            </xsl:for-each>
          </tbody>
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
      <xsl:otherwise><xsl:call-template name="status-name"><xsl:with-param name="s" select="@status"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Context: a drift entry.  Removed workloads are no longer in this report: their name from
       the drift list. -->
  <xsl:template name="drift-workload">
    <xsl:choose>
      <xsl:when test="@workload and key('workload', @workload)"><xsl:value-of select="key('workload', @workload)/@name"/></xsl:when>
      <xsl:when test="@workload and key('removed-workload', @workload)">
        <xsl:value-of select="concat(key('removed-workload', @workload)/@name, ' (removed)')"/>
      </xsl:when>
      <xsl:when test="@workload"><code><xsl:value-of select="@workload"/></code></xsl:when>
      <xsl:when test="@tenant"><xsl:value-of select="concat('Organisation-wide, tenant ', @tenant)"/></xsl:when>
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
      <p class="note">
        <xsl:value-of select="concat('The first ', $drift-max, ' of ', format-number($n, '#,##0'), ' are listed; srmap diff --json prints them all.')"/>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- ==== scope and method ==================================================================== -->

  <xsl:template name="scope-and-method">
    <xsl:variable name="nwl" select="number($summary/@workloads)"/>
    <section id="scope" aria-labelledby="scope-h">
      <h2 id="scope-h">Scope and method</h2>
      <p>
        <xsl:value-of select="concat($assessor, ' assessed ')"/>
        <xsl:call-template name="count-of"><xsl:with-param name="n" select="$nwl"/><xsl:with-param name="one" select="'workload'"/></xsl:call-template>
        <xsl:value-of select="concat(' of ', $client, ' as of ', $as-of)"/>
        <xsl:if test="string($scope-text)"><xsl:value-of select="concat(', against ', $scope-text)"/></xsl:if>
        <xsl:text>. For every workload srmap decided who owns each security layer (the provider, the client, or both), then checked each control that applies against the evidence: </xsl:text>
        <xsl:call-template name="count-of"><xsl:with-param name="n" select="$summary/@checks"/><xsl:with-param name="one" select="'check'"/></xsl:call-template>
        <xsl:text> in all, decided with </xsl:text>
        <xsl:call-template name="count-of"><xsl:with-param name="n" select="$summary/@evidence"/><xsl:with-param name="one" select="'evidence record'"/></xsl:call-template>
        <xsl:value-of select="concat(' and catalog version ', $a/@catalog-version, '.')"/>
      </p>

      <h3>Workloads by service model</h3>
      <table class="data narrow">
        <thead><tr><th scope="col">Service model</th><th scope="col" class="num">Workloads</th><th scope="col" class="num">Share</th></tr></thead>
        <tbody>
          <xsl:for-each select="$summary/model-count[@count &gt; 0 or @model != 'unclassified']">
            <tr>
              <th scope="row"><xsl:call-template name="model-name"><xsl:with-param name="m" select="@model"/></xsl:call-template></th>
              <td class="num"><xsl:value-of select="format-number(@count, '#,##0')"/></td>
              <td class="num">
                <xsl:call-template name="percent"><xsl:with-param name="part" select="@count"/><xsl:with-param name="whole" select="$nwl"/></xsl:call-template>
                <xsl:text> %</xsl:text>
              </td>
            </tr>
          </xsl:for-each>
        </tbody>
        <tfoot><tr><th scope="row">Total</th><td class="num"><xsl:value-of select="format-number($nwl, '#,##0')"/></td><td class="num">100.0 %</td></tr></tfoot>
      </table>

      <xsl:if test="$summary/subscription or $summary/tenant">
        <h3>Subscriptions and tenants</h3>
        <table class="data">
          <thead><tr><th scope="col">Kind</th><th scope="col">Subscription or tenant</th><th scope="col" class="num">Workloads</th></tr></thead>
          <tbody>
            <xsl:for-each select="$summary/subscription">
              <tr>
                <td>Subscription</td>
                <td><xsl:if test="@name"><xsl:value-of select="@name"/><xsl:text> </xsl:text></xsl:if><code><xsl:value-of select="@id"/></code></td>
                <td class="num"><xsl:value-of select="format-number(@workloads, '#,##0')"/></td>
              </tr>
            </xsl:for-each>
            <xsl:for-each select="$summary/tenant">
              <tr>
                <td>Tenant</td>
                <td><xsl:value-of select="@id"/></td>
                <td class="num"><xsl:value-of select="format-number(@workloads, '#,##0')"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:if>

      <h3>Evidence</h3>
      <p>
        <xsl:call-template name="count-of"><xsl:with-param name="n" select="$summary/@evidence"/><xsl:with-param name="one" select="'evidence record'"/></xsl:call-template>
        <xsl:text> from </xsl:text>
        <xsl:call-template name="count-of"><xsl:with-param name="n" select="count($a/inputs/input[@role = 'evidence'])"/><xsl:with-param name="one" select="'file'"/></xsl:call-template>
        <xsl:if test="$summary/@evidence-earliest">
          <xsl:text>, collected between </xsl:text>
          <xsl:call-template name="time"><xsl:with-param name="t" select="$summary/@evidence-earliest"/></xsl:call-template>
          <xsl:text> and </xsl:text>
          <xsl:call-template name="time"><xsl:with-param name="t" select="$summary/@evidence-latest"/></xsl:call-template>
        </xsl:if>
        <xsl:text>. Passing evidence collected more than </xsl:text>
        <xsl:call-template name="count-of"><xsl:with-param name="n" select="$profile/@max-evidence-age-days"/><xsl:with-param name="one" select="'day'"/></xsl:call-template>
        <xsl:value-of select="concat(' before ', $as-of, ' is stale.')"/>
        <xsl:if test="$summary/@evidence-undated">
          <xsl:text> </xsl:text>
          <xsl:call-template name="count-of"><xsl:with-param name="n" select="$summary/@evidence-undated"/><xsl:with-param name="one" select="'record does'"/><xsl:with-param name="many" select="'records do'"/></xsl:call-template>
          <xsl:text> not say when it was collected; evidence of unknown collection time is treated as </xsl:text>
          <xsl:choose>
            <xsl:when test="$profile/@undated-evidence = 'stale'">stale.</xsl:when>
            <xsl:otherwise>current.</xsl:otherwise>
          </xsl:choose>
        </xsl:if>
        <xsl:if test="$summary/@evidence-unused &gt; 0">
          <xsl:text> </xsl:text>
          <xsl:call-template name="count-of"><xsl:with-param name="n" select="$summary/@evidence-unused"/><xsl:with-param name="one" select="'record'"/></xsl:call-template>
          <xsl:text> decided no check; the </xsl:text><a href="#evidence">evidence register</a><xsl:text> marks them.</xsl:text>
        </xsl:if>
      </p>
      <xsl:if test="$summary/collector">
        <table class="data">
          <thead><tr><th scope="col">Collected by</th><th scope="col" class="num">Records</th><th scope="col">Earliest</th><th scope="col">Latest</th></tr></thead>
          <tbody>
            <xsl:for-each select="$summary/collector">
              <tr>
                <td><xsl:value-of select="@name"/></td>
                <td class="num"><xsl:value-of select="format-number(@records, '#,##0')"/></td>
                <xsl:choose>
                  <xsl:when test="@earliest">
                    <td><xsl:call-template name="time"><xsl:with-param name="t" select="@earliest"/></xsl:call-template></td>
                    <td><xsl:call-template name="time"><xsl:with-param name="t" select="@latest"/></xsl:call-template></td>
                  </xsl:when>
                  <xsl:otherwise><td>unknown</td><td>unknown</td></xsl:otherwise>
                </xsl:choose>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:if>

      <h3>What the check statuses mean</h3>
      <table class="data statuses">
        <thead><tr><th scope="col">Status</th><th scope="col">Meaning</th></tr></thead>
        <tbody>
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
        </tbody>
      </table>
      <p>The deciding record has the narrowest scope (workload, then subscription, then tenant), then is the latest; at the same time, fail beats not applicable, which beats pass. Failed and missing checks are findings at the control’s severity, stale ones one level lower; an unclassified workload is a medium finding.</p>

      <h3>What the requirement statuses mean</h3>
      <p>A framework requirement adds up all checks, over all workloads, of every control that cites it exactly. Good checks are satisfied or inherited; bad checks are failed, missing or stale.</p>
      <table class="data statuses">
        <thead><tr><th scope="col">Status</th><th scope="col">Meaning</th></tr></thead>
        <tbody>
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
        </tbody>
      </table>
      <p>
        <xsl:text>Framework score = (met + inherited + ½ × partially met) / assessed requirements, where assessed = met + partially met + not met + inherited; coverage = assessed / all requirements of the framework</xsl:text>
        <xsl:if test="$frameworks[@id = 'fedramp']">
          <xsl:value-of select="concat(' (for FedRAMP, the NIST SP 800-53 Rev 5 controls of the ', $baseline, ' baseline, matched exactly)')"/>
        </xsl:if>
        <xsl:text>; overall score = (satisfied + inherited) / (all checks − not-applicable checks). Percentages are rounded half up to one decimal.</xsl:text>
      </p>
    </section>
  </xsl:template>

  <xsl:template name="status-row">
    <xsl:param name="s"/>
    <xsl:param name="text"/>
    <tr>
      <th scope="row"><xsl:call-template name="badge"><xsl:with-param name="s" select="$s"/></xsl:call-template></th>
      <td><xsl:value-of select="$text"/></td>
    </tr>
  </xsl:template>

  <!-- ==== responsibility model =============================================================== -->

  <xsl:template name="responsibility-model">
    <xsl:variable name="atts" select="$profile/attestation"/>
    <section id="matrix" aria-labelledby="matrix-h">
      <h2 id="matrix-h">The responsibility model</h2>
      <p>Each security layer of a workload belongs to the cloud provider, to the client, or to both (shared), depending on the workload’s service model. srmap uses the matrix below, from catalog <xsl:value-of select="$a/@catalog-version"/>, for every workload; the <a href="#inventory">workload inventory</a> shows the result workload by workload.</p>
      <table class="data matrix">
        <caption>Owner of each security layer under each service model</caption>
        <thead>
          <tr><th scope="col">Layer</th><th scope="col">IaaS</th><th scope="col">PaaS</th><th scope="col">SaaS</th><th scope="col">On-premises</th></tr>
        </thead>
        <tbody>
          <xsl:for-each select="$a/matrix/row">
            <tr data-layer="{@layer}">
              <th scope="row"><xsl:value-of select="@title"/></th>
              <xsl:for-each select="cell">
                <td class="own own-{@owner}" data-owner="{@owner}">
                  <xsl:call-template name="owner-name"><xsl:with-param name="o" select="@owner"/></xsl:call-template>
                  <xsl:if test="@microsoft">
                    <xsl:text> †</xsl:text>
                    <span class="ms"><xsl:value-of select="concat('Microsoft: ', @microsoft)"/></span>
                  </xsl:if>
                </td>
              </xsl:for-each>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
      <p>
        <strong>Inherited</strong>
        <xsl:text> means that a control sits on a layer the provider owns: srmap records it as inherited and asks the client for no evidence, because the provider’s own independently audited controls cover it (the provider attestations below). </xsl:text>
        <strong>Shared</strong>
        <xsl:text> layers are decided like the client’s own: the client must show its part.</xsl:text>
        <xsl:if test="$a/matrix/row/cell[@microsoft]">
          <xsl:text> † Microsoft’s published shared-responsibility matrix assigns these cells differently; srmap uses the owner shown first and records Microsoft’s for the reader.</xsl:text>
        </xsl:if>
      </p>
      <h3>Provider attestations</h3>
      <xsl:choose>
        <xsl:when test="$atts">
          <table class="data">
            <thead><tr><th scope="col">Id</th><th scope="col">Document</th><th scope="col">Kind</th><th scope="col">Issued</th><th scope="col">Layers covered</th></tr></thead>
            <tbody>
              <xsl:for-each select="$atts">
                <tr>
                  <td><code><xsl:value-of select="@id"/></code></td>
                  <td><xsl:value-of select="@title"/></td>
                  <td>
                    <xsl:choose>
                      <xsl:when test="@kind = 'soc2-type2'">SOC 2 Type 2 report</xsl:when>
                      <xsl:when test="@kind = 'fedramp-p-ato'">FedRAMP P-ATO</xsl:when>
                      <xsl:when test="@kind = 'iso27001'">ISO/IEC 27001 certificate</xsl:when>
                      <xsl:when test="@kind = 'hipaa-baa'">HIPAA business associate agreement</xsl:when>
                      <xsl:otherwise>Other</xsl:otherwise>
                    </xsl:choose>
                  </td>
                  <td><xsl:call-template name="time"><xsl:with-param name="t" select="@issued"/></xsl:call-template></td>
                  <td>
                    <xsl:variable name="covers" select="concat(' ', @covers, ' ')"/>
                    <xsl:for-each select="$a/matrix/row[contains($covers, concat(' ', @layer, ' '))]">
                      <xsl:if test="position() &gt; 1">; </xsl:if>
                      <xsl:value-of select="@title"/>
                    </xsl:for-each>
                    <xsl:if test="not($a/matrix/row[contains($covers, concat(' ', @layer, ' '))])">none</xsl:if>
                  </td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </xsl:when>
        <xsl:otherwise>
          <p>The profile records no provider attestations. The inherited layers rest on the provider’s published attestations; the client should obtain them, check that they cover the services in scope and the period assessed, and keep them with this report.</p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- ==== controls by domain ================================================================ -->

  <!-- Each domain's controls with how their checks came out over the estate (the controls' own
       counts); controls that apply to no workload in scope are only counted. -->
  <xsl:template name="controls-by-domain">
    <section id="domains" aria-labelledby="domains-h">
      <h2 id="domains-h">Controls by domain</h2>
      <p>The catalog groups its controls into the twelve security domains of the Microsoft cloud security benchmark (MCSB), plus the layers the provider runs. For every control that applies to at least one workload in scope, the table counts its checks by status; the MCSB column names the benchmark controls it implements.</p>
      <xsl:for-each select="$a/domain">
        <xsl:variable name="cs" select="key('ctl-by-domain', @id)"/>
        <xsl:variable name="used" select="$cs[@inherited + @satisfied + @failed + @missing + @stale + @not-applicable &gt; 0]"/>
        <xsl:if test="$cs">
          <h3>
            <xsl:value-of select="@title"/>
            <xsl:if test="@mcsb"><xsl:value-of select="concat(' (MCSB ', @mcsb, ')')"/></xsl:if>
          </h3>
          <xsl:choose>
            <xsl:when test="$used">
              <div class="scroll">
                <table class="data checks" data-domain="{@id}">
                  <thead>
                    <tr>
                      <th scope="col">Control</th><th scope="col">MCSB</th>
                      <th scope="col" class="num">Satisfied</th><th scope="col" class="num">Failed</th>
                      <th scope="col" class="num">Missing</th><th scope="col" class="num">Stale</th>
                      <th scope="col" class="num">Inherited</th><th scope="col" class="num">Not applicable</th>
                    </tr>
                  </thead>
                  <tbody>
                    <xsl:for-each select="$used">
                      <tr>
                        <th scope="row">
                          <xsl:choose>
                            <xsl:when test="key('f-ctl', @id)"><a href="#ctl-{@id}"><xsl:value-of select="title"/></a></xsl:when>
                            <xsl:otherwise><xsl:value-of select="title"/></xsl:otherwise>
                          </xsl:choose>
                          <span class="sub id"><xsl:value-of select="@id"/></span>
                        </th>
                        <td>
                          <xsl:for-each select="ref[@framework = 'mcsb']">
                            <xsl:if test="position() &gt; 1">, </xsl:if>
                            <xsl:value-of select="@id"/>
                          </xsl:for-each>
                        </td>
                        <td class="num"><xsl:value-of select="format-number(@satisfied, '#,##0')"/></td>
                        <td class="num"><xsl:if test="@failed &gt; 0"><xsl:attribute name="class">num bad</xsl:attribute></xsl:if><xsl:value-of select="format-number(@failed, '#,##0')"/></td>
                        <td class="num"><xsl:if test="@missing &gt; 0"><xsl:attribute name="class">num gap</xsl:attribute></xsl:if><xsl:value-of select="format-number(@missing, '#,##0')"/></td>
                        <td class="num"><xsl:value-of select="format-number(@stale, '#,##0')"/></td>
                        <td class="num"><xsl:value-of select="format-number(@inherited, '#,##0')"/></td>
                        <td class="num"><xsl:value-of select="format-number(@not-applicable, '#,##0')"/></td>
                      </tr>
                    </xsl:for-each>
                  </tbody>
                </table>
              </div>
              <xsl:if test="count($cs) &gt; count($used)">
                <p class="note">
                  <xsl:call-template name="count-of"><xsl:with-param name="n" select="count($cs) - count($used)"/><xsl:with-param name="one" select="'other control'"/></xsl:call-template>
                  <xsl:text> of this domain apply to no workload in scope.</xsl:text>
                </p>
              </xsl:if>
            </xsl:when>
            <xsl:otherwise>
              <p class="note">
                <xsl:text>None of its </xsl:text>
                <xsl:call-template name="count-of"><xsl:with-param name="n" select="count($cs)"/><xsl:with-param name="one" select="'control'"/></xsl:call-template>
                <xsl:text> applies to a workload in scope.</xsl:text>
              </p>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:if>
      </xsl:for-each>
    </section>
  </xsl:template>

  <!-- ==== findings ============================================================================ -->

  <xsl:template name="findings">
    <section id="findings" aria-labelledby="findings-h">
      <h2 id="findings-h">Findings</h2>
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
            <xsl:text>A finding is one control on one workload (or, for an organisation-wide control, on the whole organisation) that failed, has no evidence (missing) or has evidence older than the age limit (stale, one severity level lower); a workload whose type the catalog does not know, an evidence artifact that is missing or has changed, and a missing business associate agreement are findings of their own. They are described below by control domain, most severe first within each domain, and then listed one by one in a </xsl:text>
            <a href="#findings-all">table that can be filtered and sorted</a>
            <xsl:text>.</xsl:text>
          </p>
          <section id="findings-by-domain" aria-labelledby="findings-by-domain-h">
            <h3 id="findings-by-domain-h">Findings by control domain</h3>
            <xsl:for-each select="$a/domain">
              <xsl:variable name="cs" select="key('ctl-by-domain', @id)[key('f-ctl', @id)]"/>
              <xsl:if test="$cs">
                <xsl:call-template name="domain-findings">
                  <xsl:with-param name="id" select="concat('dom-', @id)"/>
                  <xsl:with-param name="title">
                    <xsl:value-of select="@title"/>
                    <xsl:if test="@mcsb"><xsl:value-of select="concat(' (MCSB ', @mcsb, ')')"/></xsl:if>
                  </xsl:with-param>
                  <xsl:with-param name="cs" select="$cs"/>
                </xsl:call-template>
              </xsl:if>
            </xsl:for-each>
            <!-- a user's catalog may add controls of no domain, or of one it does not declare -->
            <xsl:variable name="loose" select="$a/control[not(key('domain', @domain))][key('f-ctl', @id)]"/>
            <xsl:if test="$loose">
              <xsl:call-template name="domain-findings">
                <xsl:with-param name="id" select="'dom-other'"/>
                <xsl:with-param name="title" select="'Other controls'"/>
                <xsl:with-param name="cs" select="$loose"/>
              </xsl:call-template>
            </xsl:if>
            <xsl:if test="$others">
              <section class="domain" id="dom-engagement" aria-labelledby="dom-engagement-h">
                <h4 id="dom-engagement-h">Workloads, evidence and agreements</h4>
                <xsl:for-each select="$others[@status = 'unclassified'][1] | $others[@status = 'no-baa'][1]
                                      | $others[@status = 'artifact-missing'][1] | $others[@status = 'artifact-mismatch'][1]
                                      | $others[not(contains($other-statuses, concat('|', @status, '|')))][1]">
                  <xsl:call-template name="other-group"/>
                </xsl:for-each>
              </section>
            </xsl:if>
          </section>
          <xsl:call-template name="findings-table"/>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- One domain's controls with findings, most severe first (finding ids follow severity). -->
  <xsl:template name="domain-findings">
    <xsl:param name="id"/>
    <xsl:param name="title"/>
    <xsl:param name="cs"/>
    <section class="domain" id="{$id}" aria-labelledby="{$id}-h">
      <h4 id="{$id}-h"><xsl:value-of select="$title"/></h4>
      <xsl:for-each select="$cs">
        <xsl:sort select="substring(key('f-ctl', @id)[1]/@id, 3)" data-type="number"/>
        <xsl:call-template name="control-findings"/>
      </xsl:for-each>
    </section>
  </xsl:template>

  <!-- The findings of one control.  Context: the control. -->
  <xsl:template name="control-findings">
    <xsl:variable name="fs" select="key('f-ctl', @id)"/>
    <xsl:variable name="n" select="count($fs)"/>
    <xsl:variable name="c" select="."/>
    <article class="group" id="ctl-{@id}" aria-labelledby="ctl-{@id}-h">
      <h5 id="ctl-{@id}-h"><xsl:value-of select="title"/></h5>
      <p class="meta">
        <xsl:for-each select="$fs[@severity = 'critical'][1] | $fs[@severity = 'high'][1] | $fs[@severity = 'medium'][1] | $fs[@severity = 'low'][1]">
          <xsl:call-template name="badge"><xsl:with-param name="s" select="@severity"/></xsl:call-template>
          <xsl:text> </xsl:text>
        </xsl:for-each>
        <xsl:choose>
          <xsl:when test="@scope = 'organisation'">
            <xsl:text>Organisation-wide control: </xsl:text>
            <xsl:call-template name="count-of"><xsl:with-param name="n" select="$n"/><xsl:with-param name="one" select="'organisation'"/></xsl:call-template>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="count-of"><xsl:with-param name="n" select="$n"/><xsl:with-param name="one" select="'workload'"/></xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:text> (</xsl:text>
        <xsl:for-each select="$fs[@status = 'failed'][1] | $fs[@status = 'missing'][1] | $fs[@status = 'stale'][1]">
          <xsl:sort select="string-length(substring-before('failed missing stale', @status))" data-type="number"/>
          <xsl:if test="position() &gt; 1">, </xsl:if>
          <xsl:value-of select="concat(format-number(count($fs[@status = current()/@status]), '#,##0'), ' ', @status)"/>
        </xsl:for-each>
        <xsl:text>)</xsl:text>
      </p>
      <dl class="props">
        <div>
          <dt>Owner</dt>
          <dd>
            <xsl:variable name="by-customer" select="boolean($fs[@owner = 'customer'])"/>
            <xsl:variable name="by-shared" select="boolean($fs[@owner = 'shared'])"/>
            <xsl:choose>
              <xsl:when test="$by-customer and $by-shared">Customer on some workloads, shared on others</xsl:when>
              <xsl:when test="$by-shared">Shared (provider and customer)</xsl:when>
              <xsl:otherwise>Customer</xsl:otherwise>
            </xsl:choose>
            <xsl:value-of select="concat(' · layer: ', key('layer', @layer)/@title)"/>
          </dd>
        </div>
        <div><dt>Control</dt><dd><code><xsl:value-of select="@id"/></code></dd></div>
        <xsl:if test="ref">
          <div><dt>Cited by</dt><dd><xsl:call-template name="citations"/></dd></div>
        </xsl:if>
        <xsl:variable name="evs" select="key('ev-by-control', @id)[note][key('f-ctl-ev', concat($c/@id, '|', @id))]"/>
        <xsl:if test="$evs">
          <div>
            <dt>Evidence</dt>
            <dd>
              <ul>
                <xsl:for-each select="$evs[position() &lt;= 4]">
                  <li>
                    <a href="#ev-{translate(@id, ' ', '_')}"><code><xsl:value-of select="@id"/></code></a>
                    <xsl:value-of select="concat(' (', @result, ', ')"/>
                    <xsl:call-template name="time"><xsl:with-param name="t" select="@collected-at"/></xsl:call-template>
                    <xsl:text>): </xsl:text>
                    <xsl:value-of select="note"/>
                  </li>
                </xsl:for-each>
                <xsl:if test="count($evs) &gt; 4">
                  <li>
                    <xsl:text>and </xsl:text>
                    <xsl:call-template name="count-of"><xsl:with-param name="n" select="count($evs) - 4"/><xsl:with-param name="one" select="'more record'"/></xsl:call-template>
                    <xsl:text> in the </xsl:text><a href="#evidence">evidence register</a><xsl:text>.</xsl:text>
                  </li>
                </xsl:if>
              </ul>
            </dd>
          </div>
        </xsl:if>
        <div class="remediation"><dt>Remediation</dt><dd><xsl:value-of select="remediation"/></dd></div>
        <div>
          <dt>Findings</dt>
          <dd class="ids">
            <xsl:for-each select="$fs[position() &lt;= $card-max]">
              <xsl:if test="position() &gt; 1">; </xsl:if>
              <xsl:choose>
                <xsl:when test="key('workload', @workload)"><xsl:value-of select="key('workload', @workload)/@name"/></xsl:when>
                <xsl:when test="@tenant"><xsl:value-of select="concat('Organisation-wide, tenant ', @tenant)"/></xsl:when>
                <xsl:otherwise>Organisation-wide</xsl:otherwise>
              </xsl:choose>
              <xsl:text> (</xsl:text>
              <a href="#{@id}"><xsl:value-of select="@id"/></a>
              <xsl:if test="@status != 'missing'"><xsl:value-of select="concat(', ', @status)"/></xsl:if>
              <xsl:text>)</xsl:text>
            </xsl:for-each>
            <xsl:if test="$n &gt; $card-max">
              <xsl:text>; and </xsl:text>
              <xsl:call-template name="count-of"><xsl:with-param name="n" select="$n - $card-max"/><xsl:with-param name="one" select="'more'"/><xsl:with-param name="many" select="'more'"/></xsl:call-template>
              <xsl:text> in the </xsl:text><a href="#findings-all">table of every finding</a>
            </xsl:if>
          </dd>
        </div>
      </dl>
    </article>
  </xsl:template>

  <!-- The findings that are no control's, by status.  Context: the first of them. -->
  <xsl:template name="other-group">
    <xsl:variable name="known" select="contains($other-statuses, concat('|', @status, '|'))"/>
    <xsl:variable name="fs" select="$others[@status = current()/@status or (not($known) and not(contains($other-statuses, concat('|', @status, '|'))))]"/>
    <xsl:variable name="gid"><xsl:call-template name="other-gid"/></xsl:variable>
    <article class="group" id="other-{$gid}" aria-labelledby="other-{$gid}-h">
      <h5 id="other-{$gid}-h"><xsl:call-template name="other-group-title"/></h5>
      <p class="meta">
        <xsl:call-template name="badge"><xsl:with-param name="s" select="@severity"/></xsl:call-template>
        <xsl:text> </xsl:text>
        <xsl:call-template name="count-of"><xsl:with-param name="n" select="count($fs)"/><xsl:with-param name="one" select="'finding'"/></xsl:call-template>
        <xsl:text>. </xsl:text>
        <xsl:choose>
          <xsl:when test="@status = 'unclassified'">srmap cannot tell the service model of these workloads, so it cannot say which layers the provider covers: every layer is treated as the client’s, and only the controls that apply to every service model were checked.</xsl:when>
          <xsl:when test="@status = 'artifact-missing'">The evidence record names an artifact file that could not be found, so the record does not count as evidence.</xsl:when>
          <xsl:when test="@status = 'artifact-mismatch'">The artifact’s SHA-256 is not the one recorded with the evidence: the file changed after it was recorded, so the record does not count as evidence.</xsl:when>
          <xsl:when test="@status = 'no-baa'">HIPAA is in scope, but no business associate agreement with the provider is recorded among the provider attestations.</xsl:when>
        </xsl:choose>
      </p>
      <dl class="props">
        <div class="remediation"><dt>Remediation</dt><dd><xsl:value-of select="remediation"/></dd></div>
        <div>
          <dt>Findings</dt>
          <dd class="ids">
            <xsl:for-each select="$fs[position() &lt;= $card-max]">
              <xsl:if test="position() &gt; 1">; </xsl:if>
              <xsl:choose>
                <xsl:when test="key('workload', @workload)"><xsl:value-of select="concat(key('workload', @workload)/@name, ' ')"/></xsl:when>
                <xsl:when test="@evidence"><xsl:value-of select="concat('evidence ', @evidence, ' ')"/></xsl:when>
              </xsl:choose>
              <xsl:text>(</xsl:text><a href="#{@id}"><xsl:value-of select="@id"/></a><xsl:text>)</xsl:text>
            </xsl:for-each>
            <xsl:if test="count($fs) &gt; $card-max">
              <xsl:value-of select="concat('; and ', format-number(count($fs) - $card-max, '#,##0'), ' more in the ')"/>
              <a href="#findings-all">table of every finding</a>
            </xsl:if>
          </dd>
        </div>
      </dl>
    </article>
  </xsl:template>

  <!-- The anchor of a finding's group: its status, or "other" for a status this template does
       not know.  Context: a finding that is no control's. -->
  <xsl:template name="other-gid">
    <xsl:choose>
      <xsl:when test="contains($other-statuses, concat('|', @status, '|'))"><xsl:value-of select="@status"/></xsl:when>
      <xsl:otherwise>other</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="other-group-title">
    <xsl:choose>
      <xsl:when test="@status = 'unclassified'">Workload type not in the catalog</xsl:when>
      <xsl:when test="@status = 'artifact-missing'">Evidence artifacts that are missing</xsl:when>
      <xsl:when test="@status = 'artifact-mismatch'">Evidence artifacts that changed after they were recorded</xsl:when>
      <xsl:when test="@status = 'no-baa'"><xsl:value-of select="title"/></xsl:when>
      <xsl:otherwise>Other findings</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Every finding, one row each.  The row's data- attributes are what the filters compare:
       severity, owner ('' when the finding is no check's), subscription ('' when none) and the
       frameworks in scope whose requirements the control is behind. -->
  <xsl:template name="findings-table">
    <xsl:variable name="no-sub" select="$a/finding[not(key('workload', @workload)/@subscription)]"/>
    <section id="findings-all" aria-labelledby="findings-all-h">
      <h3 id="findings-all-h">Every finding</h3>
      <p>
        <xsl:text>One row per finding, most severe first. </xsl:text>
        <span class="js-only" hidden="hidden">Choose values below to show only some rows; the column headers sort the table.</span>
      </p>
      <form class="filters" id="findings-filters" hidden="hidden" aria-label="Filter the findings">
        <label>Severity
          <select name="severity">
            <option value="*">All severities</option>
            <option value="critical">Critical</option>
            <option value="high">High</option>
            <option value="medium">Medium</option>
            <option value="low">Low</option>
          </select>
        </label>
        <xsl:if test="$frameworks">
          <label>Framework
            <select name="framework">
              <option value="*">All frameworks</option>
              <xsl:for-each select="$frameworks">
                <option value="{@id}"><xsl:call-template name="framework-label"/></option>
              </xsl:for-each>
            </select>
          </label>
        </xsl:if>
        <label>Owner
          <select name="owner">
            <option value="*">All owners</option>
            <option value="customer">Customer</option>
            <option value="shared">Shared</option>
            <option value="">Not a check</option>
          </select>
        </label>
        <label>Subscription
          <select name="subscription">
            <option value="*">All subscriptions</option>
            <xsl:for-each select="$summary/subscription">
              <option value="{@id}">
                <xsl:choose>
                  <xsl:when test="@name"><xsl:value-of select="concat(@name, ' (', @id, ')')"/></xsl:when>
                  <xsl:otherwise><xsl:value-of select="@id"/></xsl:otherwise>
                </xsl:choose>
              </option>
            </xsl:for-each>
            <xsl:if test="$no-sub">
              <option value="">None (organisation-wide and other findings)</option>
            </xsl:if>
          </select>
        </label>
        <button type="reset">Show all</button>
        <output id="findings-shown" aria-live="polite"></output>
      </form>
      <div class="scroll">
        <table class="data findings" id="findings-table">
          <thead>
            <tr>
              <th scope="col">Finding</th>
              <th scope="col">Severity</th>
              <th scope="col">Status</th>
              <th scope="col">Control</th>
              <th scope="col">Workload</th>
              <th scope="col">Subscription</th>
              <th scope="col">Owner</th>
              <th scope="col">Frameworks</th>
              <th scope="col">Evidence</th>
            </tr>
          </thead>
          <tbody>
            <xsl:apply-templates select="$a/finding" mode="row"/>
          </tbody>
        </table>
      </div>
    </section>
  </xsl:template>

  <xsl:template match="finding" mode="row">
    <xsl:variable name="w" select="key('workload', @workload)"/>
    <xsl:variable name="c" select="key('control', @control)"/>
    <xsl:variable name="fid" select="@control"/>
    <xsl:variable name="fws">
      <xsl:choose>
        <xsl:when test="@status = 'no-baa'">
          <xsl:if test="$frameworks[@id = 'hipaa']">hipaa</xsl:if>
        </xsl:when>
        <xsl:when test="@control">
          <xsl:for-each select="$frameworks">
            <xsl:if test="key('fw-ctl', concat(@id, '|', $fid))">
              <xsl:value-of select="concat(@id, ' ')"/>
            </xsl:if>
          </xsl:for-each>
        </xsl:when>
      </xsl:choose>
    </xsl:variable>
    <tr id="{@id}" data-severity="{@severity}" data-status="{@status}" data-owner="{@owner}"
        data-subscription="{$w/@subscription}" data-frameworks="{normalize-space($fws)}">
      <td data-sort="{substring(@id, 3)}"><xsl:value-of select="@id"/></td>
      <td data-sort="{string-length(substring-before('critical high medium low', @severity))}">
        <xsl:call-template name="badge"><xsl:with-param name="s" select="@severity"/></xsl:call-template>
      </td>
      <td><xsl:call-template name="badge"><xsl:with-param name="s" select="@status"/></xsl:call-template></td>
      <td>
        <xsl:choose>
          <xsl:when test="$c and (@workload or @scope = 'organisation')">
            <a href="#ctl-{@control}"><xsl:value-of select="$c/title"/></a>
          </xsl:when>
          <xsl:when test="title">
            <xsl:variable name="gid"><xsl:call-template name="other-gid"/></xsl:variable>
            <a href="#other-{$gid}"><xsl:value-of select="title"/></a>
          </xsl:when>
          <xsl:otherwise><code><xsl:value-of select="@control"/></code></xsl:otherwise>
        </xsl:choose>
      </td>
      <td>
        <xsl:choose>
          <xsl:when test="$w"><xsl:value-of select="$w/@name"/><span class="sub"><xsl:value-of select="$w/@type-title | $w[not(@type-title)]/@type"/></span></xsl:when>
          <xsl:when test="@scope = 'organisation'">
            <xsl:text>Organisation-wide</xsl:text>
            <xsl:if test="@tenant"><span class="sub"><xsl:value-of select="@tenant"/></span></xsl:if>
          </xsl:when>
          <xsl:when test="@evidence">
            <xsl:text>Evidence </xsl:text>
            <code><xsl:value-of select="@evidence"/></code>
          </xsl:when>
          <xsl:otherwise>Engagement</xsl:otherwise>
        </xsl:choose>
      </td>
      <!-- a subscription id is long and the same on many rows: its first characters, the whole
           id on hover (and in the filter and the scope section) -->
      <td class="id" data-sort="{$w/@subscription}">
        <xsl:choose>
          <xsl:when test="string-length($w/@subscription) &gt; 12">
            <abbr title="{$w/@subscription}"><xsl:value-of select="concat(substring($w/@subscription, 1, 8), '…')"/></abbr>
          </xsl:when>
          <xsl:when test="$w/@subscription"><xsl:value-of select="$w/@subscription"/></xsl:when>
          <xsl:otherwise>—</xsl:otherwise>
        </xsl:choose>
      </td>
      <td>
        <xsl:choose>
          <xsl:when test="@owner"><xsl:call-template name="owner-name"><xsl:with-param name="o" select="@owner"/></xsl:call-template></xsl:when>
          <xsl:otherwise>—</xsl:otherwise>
        </xsl:choose>
      </td>
      <td>
        <xsl:choose>
          <xsl:when test="normalize-space($fws)">
            <xsl:for-each select="$frameworks[contains(concat(' ', normalize-space($fws), ' '), concat(' ', @id, ' '))]">
              <xsl:if test="position() &gt; 1">, </xsl:if>
              <xsl:call-template name="framework-name"><xsl:with-param name="id" select="@id"/></xsl:call-template>
            </xsl:for-each>
          </xsl:when>
          <xsl:otherwise>—</xsl:otherwise>
        </xsl:choose>
      </td>
      <td>
        <xsl:choose>
          <xsl:when test="@evidence"><a href="#ev-{translate(@evidence, ' ', '_')}"><code><xsl:value-of select="@evidence"/></code></a></xsl:when>
          <xsl:otherwise>none</xsl:otherwise>
        </xsl:choose>
      </td>
    </tr>
  </xsl:template>

  <!-- ==== one section per framework ========================================================== -->

  <xsl:template match="framework">
    <xsl:variable name="label"><xsl:call-template name="framework-label"/></xsl:variable>
    <section id="fw-{@id}" aria-labelledby="fw-{@id}-h" class="framework">
      <h2 id="fw-{@id}-h"><xsl:value-of select="$label"/></h2>
      <p>
        <strong><xsl:value-of select="@title"/></strong>
        <xsl:if test="@baseline"><xsl:value-of select="concat(', ', $baseline, ' baseline')"/></xsl:if>
        <xsl:text>: </xsl:text>
        <xsl:call-template name="count-of"><xsl:with-param name="n" select="@requirements"/><xsl:with-param name="one" select="'requirement'"/></xsl:call-template>
        <xsl:value-of select="concat(', of which ', format-number(@assessed, '#,##0'), ' could be assessed from the checks of this run (coverage ', @coverage, ' %). ')"/>
        <xsl:choose>
          <xsl:when test="@score">
            <xsl:text>Score: </xsl:text>
            <strong><xsl:value-of select="concat(@score, ' %')"/></strong>
            <xsl:value-of select="concat(' = (', @met, ' met + ', @inherited, ' inherited + ½ × ', @partially-met,
                                         ' partially met) / ', @assessed, ' assessed.')"/>
          </xsl:when>
          <xsl:otherwise>No score: no requirement could be assessed.</xsl:otherwise>
        </xsl:choose>
      </p>
      <table class="data counts">
        <thead>
          <tr>
            <xsl:for-each select="@met | @inherited | @partially-met | @not-met | @not-applicable | @not-assessed">
              <xsl:sort select="string-length(substring-before('met inherited partially-met not-met not-applicable not-assessed', name()))" data-type="number"/>
              <th scope="col"><xsl:call-template name="badge"><xsl:with-param name="s" select="name()"/></xsl:call-template></th>
            </xsl:for-each>
          </tr>
        </thead>
        <tbody>
          <tr>
            <xsl:for-each select="@met | @inherited | @partially-met | @not-met | @not-applicable | @not-assessed">
              <xsl:sort select="string-length(substring-before('met inherited partially-met not-met not-applicable not-assessed', name()))" data-type="number"/>
              <td class="num"><xsl:value-of select="format-number(., '#,##0')"/></td>
            </xsl:for-each>
          </tr>
        </tbody>
      </table>
      <xsl:variable name="listed" select="requirement[@status != 'not-assessed']"/>
      <xsl:if test="$listed">
        <h3>Assessed requirements</h3>
        <div class="scroll">
          <table class="data reqs">
            <thead><tr><th scope="col">Status</th><th scope="col">Requirement</th><th scope="col">Controls behind it</th><th scope="col">Checks</th></tr></thead>
            <tbody>
              <xsl:for-each select="$listed">
                <tr>
                  <td><xsl:call-template name="badge"><xsl:with-param name="s" select="@status"/></xsl:call-template></td>
                  <td>
                    <strong><xsl:value-of select="@id"/></strong>
                    <xsl:value-of select="concat(' ', title)"/>
                    <xsl:if test="@kind"><xsl:value-of select="concat(' (', @kind, ')')"/></xsl:if>
                  </td>
                  <td>
                    <xsl:for-each select="control-ref">
                      <xsl:if test="position() &gt; 1">; </xsl:if>
                      <xsl:variable name="c" select="key('control', @id)"/>
                      <xsl:choose>
                        <xsl:when test="$c"><xsl:value-of select="$c/title"/></xsl:when>
                        <xsl:otherwise><code><xsl:value-of select="@id"/></code></xsl:otherwise>
                      </xsl:choose>
                    </xsl:for-each>
                  </td>
                  <td><xsl:call-template name="check-counts"/></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:if>
      <xsl:variable name="na" select="requirement[@status = 'not-assessed']"/>
      <xsl:if test="$na">
        <h3>Not assessed</h3>
        <p>
          <xsl:value-of select="concat(format-number(count($na), '#,##0'), ' of the ', format-number(@requirements, '#,##0'),
                                       ' requirements are not assessed: no control in the catalog cites them, or the controls that cite them apply to no workload in scope. Most are administrative, physical or procedural and need evidence outside this assessment.')"/>
        </p>
        <p class="small">
          <xsl:for-each select="$na">
            <xsl:if test="position() &gt; 1">; </xsl:if>
            <strong><xsl:value-of select="@id"/></strong>
            <xsl:value-of select="concat(' ', title)"/>
          </xsl:for-each>
          <xsl:text>.</xsl:text>
        </p>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- "19 satisfied, 1 failed, 6 missing".  Context: a requirement (only non-zero counts exist). -->
  <xsl:template name="check-counts">
    <xsl:for-each select="@inherited | @satisfied | @failed | @missing | @stale | @not-applicable">
      <xsl:sort select="string-length(substring-before('inherited satisfied failed missing stale not-applicable', name()))" data-type="number"/>
      <xsl:if test="position() &gt; 1">, </xsl:if>
      <xsl:value-of select="concat(format-number(., '#,##0'), ' ', translate(name(), '-', ' '))"/>
    </xsl:for-each>
  </xsl:template>

  <!-- ==== workload inventory ================================================================= -->

  <xsl:template name="inventory">
    <section id="inventory" aria-labelledby="inventory-h">
      <h2 id="inventory-h">Workload inventory</h2>
      <p>
        <xsl:text>Every workload assessed, by service model, with its findings and the owner of each layer: </xsl:text>
        <strong>P</strong> provider, <strong>C</strong> customer, <strong>S</strong> shared.
      </p>
      <xsl:for-each select="$summary/model-count[@count &gt; 0]">
        <xsl:variable name="m" select="@model"/>
        <h3>
          <xsl:call-template name="model-name"><xsl:with-param name="m" select="$m"/></xsl:call-template>
          <xsl:text> (</xsl:text>
          <xsl:call-template name="count-of"><xsl:with-param name="n" select="@count"/><xsl:with-param name="one" select="'workload'"/></xsl:call-template>
          <xsl:text>)</xsl:text>
        </h3>
        <div class="scroll">
          <table class="data inventory" data-model="{$m}">
            <thead>
              <tr>
                <th scope="col">Workload</th>
                <th scope="col">Type</th>
                <th scope="col" class="num">Findings</th>
                <xsl:for-each select="$a/matrix/row">
                  <th scope="col" class="layer"><abbr title="{@title}"><xsl:value-of select="position()"/></abbr></th>
                </xsl:for-each>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="key('wl-by-model', $m)">
                <tr>
                  <th scope="row"><xsl:value-of select="@name"/><span class="sub id"><xsl:value-of select="@id"/></span></th>
                  <td>
                    <xsl:choose>
                      <xsl:when test="@type-title"><xsl:value-of select="@type-title"/></xsl:when>
                      <xsl:otherwise><code><xsl:value-of select="@type"/></code></xsl:otherwise>
                    </xsl:choose>
                    <xsl:if test="@accountable-party"><span class="sub"><xsl:value-of select="concat('run by ', @accountable-party)"/></span></xsl:if>
                  </td>
                  <td class="num"><xsl:value-of select="format-number(@findings, '#,##0')"/></td>
                  <xsl:for-each select="layer">
                    <td class="own own-{@owner} layer">
                      <xsl:attribute name="title">
                        <xsl:value-of select="concat(key('layer', @id)/@title, ': ')"/>
                        <xsl:call-template name="owner-name"><xsl:with-param name="o" select="@owner"/></xsl:call-template>
                      </xsl:attribute>
                      <xsl:choose>
                        <xsl:when test="@owner = 'provider'">P</xsl:when>
                        <xsl:when test="@owner = 'shared'">S</xsl:when>
                        <xsl:otherwise>C</xsl:otherwise>
                      </xsl:choose>
                    </td>
                  </xsl:for-each>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:for-each>
      <p class="note">
        <xsl:text>Layers: </xsl:text>
        <xsl:for-each select="$a/matrix/row">
          <xsl:if test="position() &gt; 1">; </xsl:if>
          <xsl:value-of select="concat(position(), ' ', @title)"/>
        </xsl:for-each>
        <xsl:text>.</xsl:text>
      </p>
    </section>
  </xsl:template>

  <!-- ==== evidence register ================================================================== -->

  <xsl:template name="evidence-register">
    <section id="evidence" aria-labelledby="evidence-h">
      <h2 id="evidence-h">Evidence register</h2>
      <xsl:choose>
        <xsl:when test="not($a/evidence)">
          <p>No evidence records were given for this assessment.</p>
        </xsl:when>
        <xsl:otherwise>
          <p>Every evidence record read, in input order. The SHA-256 is the hash of the artifact as stated in the record; where srmap read the artifact it shows whether the file matches it. Records marked <em>not used</em> decided no check: a record for a narrower scope or a newer one won, or the control does not apply to the workloads the record names.</p>
          <div class="scroll">
            <table class="data register" id="evidence-table">
              <thead>
                <tr><th scope="col">Id</th><th scope="col">Control</th><th scope="col">Scope</th><th scope="col">Result</th><th scope="col">Collected</th><th scope="col">Source</th><th scope="col">Artifact and SHA-256</th></tr>
              </thead>
              <tbody>
                <xsl:for-each select="$a/evidence">
                  <tr id="ev-{translate(@id, ' ', '_')}" data-result="{@result}">
                    <td><code><xsl:value-of select="@id"/></code></td>
                    <td>
                      <xsl:variable name="c" select="key('control', @control)"/>
                      <xsl:choose>
                        <xsl:when test="$c"><xsl:value-of select="$c/title"/></xsl:when>
                        <xsl:otherwise><code><xsl:value-of select="@control"/></code></xsl:otherwise>
                      </xsl:choose>
                    </td>
                    <td>
                      <xsl:choose>
                        <xsl:when test="@scope = 'workload' and key('workload', @workload)"><xsl:value-of select="key('workload', @workload)/@name"/></xsl:when>
                        <xsl:when test="@scope = 'subscription'">Subscription <span class="sub id"><xsl:value-of select="@scope-id"/></span></xsl:when>
                        <xsl:when test="@scope = 'tenant'">Tenant <span class="sub"><xsl:value-of select="@scope-id"/></span></xsl:when>
                        <xsl:otherwise><code><xsl:value-of select="@scope-id"/></code></xsl:otherwise>
                      </xsl:choose>
                    </td>
                    <td>
                      <xsl:call-template name="badge"><xsl:with-param name="s" select="@result"/></xsl:call-template>
                      <xsl:if test="@used = 'false'"><span class="sub"><em>not used</em></span></xsl:if>
                    </td>
                    <td>
                      <xsl:call-template name="time"><xsl:with-param name="t" select="@collected-at"/></xsl:call-template>
                      <span class="sub"><xsl:value-of select="@collected-by"/></span>
                    </td>
                    <td class="id"><xsl:value-of select="@file"/><xsl:if test="@line"><xsl:value-of select="concat(':', @line)"/></xsl:if></td>
                    <td class="hash">
                      <xsl:choose>
                        <xsl:when test="@artifact-state = 'verified'"><xsl:call-template name="badge"><xsl:with-param name="s" select="'satisfied'"/><xsl:with-param name="label" select="'Hash verified'"/></xsl:call-template></xsl:when>
                        <xsl:when test="@artifact-state = 'mismatch'"><xsl:call-template name="badge"><xsl:with-param name="s" select="'failed'"/><xsl:with-param name="label" select="'Hash mismatch'"/></xsl:call-template></xsl:when>
                        <xsl:when test="@artifact-state = 'missing'"><xsl:call-template name="badge"><xsl:with-param name="s" select="'missing'"/><xsl:with-param name="label" select="'File missing'"/></xsl:call-template></xsl:when>
                        <xsl:when test="@artifact-state = 'unverified'"><xsl:call-template name="badge"><xsl:with-param name="s" select="'not-assessed'"/><xsl:with-param name="label" select="'Not verified'"/></xsl:call-template></xsl:when>
                      </xsl:choose>
                      <xsl:if test="@artifact"><span class="sub id"><xsl:value-of select="@artifact"/></span></xsl:if>
                      <xsl:if test="@sha256"><span class="sub id"><xsl:value-of select="@sha256"/></span></xsl:if>
                      <xsl:if test="@artifact-sha256 and (not(@sha256) or @artifact-state = 'mismatch')">
                        <span class="sub id"><xsl:value-of select="concat('file: ', @artifact-sha256)"/></span>
                      </xsl:if>
                      <xsl:if test="not(@artifact) and not(@sha256)">none</xsl:if>
                    </td>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </div>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- ==== evidence coverage ================================================================== -->

  <!-- What each evidence file gave (as the run's line per file says), then the identifiers the
       catalog does not map, most frequent first. -->
  <xsl:template name="coverage">
    <xsl:variable name="ins" select="$a/inputs/input[@role = 'evidence']"/>
    <xsl:variable name="um" select="$ins/unmapped"/>
    <section id="coverage" aria-labelledby="coverage-h">
      <h2 id="coverage-h">Evidence coverage</h2>
      <xsl:choose>
        <xsl:when test="not($ins)">
          <p>No evidence files were given for this assessment.</p>
        </xsl:when>
        <xsl:otherwise>
          <p>How much of each evidence file reached the assessment: its records; those behind at least one check’s verdict (applied); those whose identifier the catalog does not map; those about resources outside the inventory or another tenant; those deliberately ignored; the evidence records the file made and how many decided a check.</p>
          <div class="scroll">
            <table class="data coverage">
              <thead>
                <tr>
                  <th scope="col">File and format</th><th scope="col" class="num">Records</th><th scope="col" class="num">Applied</th>
                  <th scope="col" class="num">Not mapped</th><th scope="col" class="num">Outside the inventory</th>
                  <th scope="col" class="num">Other tenant</th><th scope="col" class="num">Ignored</th>
                  <th scope="col" class="num">Evidence</th><th scope="col" class="num">Decided</th>
                </tr>
              </thead>
              <tbody>
                <xsl:for-each select="$ins">
                  <tr>
                    <th scope="row"><span class="id"><xsl:value-of select="@path"/></span><span class="sub"><xsl:value-of select="@format"/></span></th>
                    <td class="num"><xsl:value-of select="format-number((@read | @records[not(../@read)])[1], '#,##0')"/></td>
                    <td class="num"><xsl:value-of select="format-number(number(concat('0', @records-applied)), '#,##0')"/></td>
                    <td class="num"><xsl:value-of select="format-number(number(concat('0', @unmapped)), '#,##0')"/></td>
                    <td class="num"><xsl:value-of select="format-number(number(concat('0', @unmatched)), '#,##0')"/></td>
                    <td class="num"><xsl:value-of select="format-number(number(concat('0', @other-tenant)), '#,##0')"/></td>
                    <td class="num"><xsl:value-of select="format-number(number(concat('0', @ignored)), '#,##0')"/></td>
                    <td class="num"><xsl:value-of select="format-number(number(concat('0', @evidence)), '#,##0')"/></td>
                    <td class="num"><xsl:value-of select="format-number(number(concat('0', @applied)), '#,##0')"/></td>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </div>
          <xsl:choose>
            <xsl:when test="not($um)">
              <p>Every identifier in the evidence files is known to the catalog.</p>
            </xsl:when>
            <xsl:otherwise>
              <h3>Unmapped identifiers</h3>
              <p>
                <xsl:call-template name="count-of"><xsl:with-param name="n" select="count($um)"/><xsl:with-param name="one" select="'identifier'"/></xsl:call-template>
                <xsl:text> that the catalog does not map, most frequent first</xsl:text>
                <xsl:if test="count($um) &gt; $unmapped-max">
                  <xsl:value-of select="concat('; the first ', $unmapped-max, ' are listed and the assessment XML holds them all')"/>
                </xsl:if>
                <xsl:text>. Their records gave no evidence; a catalog file given with --catalog can map them.</xsl:text>
              </p>
              <div class="scroll">
                <table class="data unmapped">
                  <thead><tr><th scope="col">Identifier</th><th scope="col">Source</th><th scope="col">File</th><th scope="col" class="num">Records</th></tr></thead>
                  <tbody>
                    <xsl:for-each select="$um">
                      <xsl:sort select="@count" data-type="number" order="descending"/>
                      <xsl:sort select="@id"/>
                      <xsl:if test="position() &lt;= $unmapped-max">
                        <tr>
                          <td><code><xsl:value-of select="@id"/></code></td>
                          <td><xsl:value-of select="@source"/></td>
                          <td class="id"><xsl:value-of select="../@path"/></td>
                          <td class="num"><xsl:value-of select="format-number(@count, '#,##0')"/></td>
                        </tr>
                      </xsl:if>
                    </xsl:for-each>
                  </tbody>
                </table>
              </div>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- ==== provenance ========================================================================= -->

  <xsl:template name="provenance">
    <section id="provenance" aria-labelledby="provenance-h">
      <h2 id="provenance-h">Provenance of the run</h2>
      <p>
        <xsl:value-of select="concat('Made by srmap ', $a/@tool-version, ' with catalog ', $a/@catalog-version, ' (SHA-256 of its files ')"/>
        <code><xsl:value-of select="$a/@catalog-sha256"/></code>
        <xsl:text>), generated </xsl:text>
        <xsl:call-template name="time"><xsl:with-param name="t" select="$a/@generated"/></xsl:call-template>
        <xsl:text>. The files read, with their SHA-256 (srmap verify checks them again):</xsl:text>
      </p>
      <div class="scroll">
        <table class="data inputs">
          <thead><tr><th scope="col">Role</th><th scope="col">File</th><th scope="col">Format</th><th scope="col" class="num">Records</th><th scope="col">SHA-256</th></tr></thead>
          <tbody>
            <xsl:for-each select="$a/inputs/input">
              <tr>
                <td><xsl:value-of select="@role"/></td>
                <td class="id"><xsl:value-of select="@path"/></td>
                <td><xsl:value-of select="@format"/></td>
                <td class="num"><xsl:value-of select="format-number(@records, '#,##0')"/></td>
                <td class="id"><xsl:value-of select="@sha256"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
      <xsl:if test="$a/diagnostic">
        <h3>Warnings of the run</h3>
        <ul class="small">
          <xsl:for-each select="$a/diagnostic">
            <li>
              <xsl:if test="@file">
                <code>
                  <xsl:value-of select="@file"/>
                  <xsl:if test="@line"><xsl:value-of select="concat(':', @line)"/></xsl:if>
                  <xsl:if test="@column"><xsl:value-of select="concat(':', @column)"/></xsl:if>
                </code>
                <xsl:text>: </xsl:text>
              </xsl:if>
              <xsl:value-of select="."/>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- ==== small pieces ======================================================================= -->

  <!-- A status, severity or result as a badge: its name in text, with a mark and a colour that
       only repeat what the text says. -->
  <xsl:template name="badge">
    <xsl:param name="s"/>
    <xsl:param name="label"/>
    <xsl:variable name="cls">
      <xsl:choose>
        <xsl:when test="contains('|critical|high|medium|low|met|satisfied|partially-met|stale|not-met|failed|missing|inherited|not-applicable|not-assessed|', concat('|', $s, '|'))">
          <xsl:value-of select="$s"/>
        </xsl:when>
        <xsl:when test="$s = 'pass'">satisfied</xsl:when>
        <xsl:when test="$s = 'fail' or $s = 'artifact-mismatch'">failed</xsl:when>
        <xsl:when test="$s = 'artifact-missing' or $s = 'no-baa'">missing</xsl:when>
        <xsl:otherwise>not-assessed</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <span class="badge b-{$cls}">
      <xsl:choose>
        <xsl:when test="string($label)"><xsl:value-of select="$label"/></xsl:when>
        <xsl:otherwise><xsl:call-template name="status-name"><xsl:with-param name="s" select="$s"/></xsl:call-template></xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>

  <!-- "HIPAA 164.312(d); SOC 2 CC6.1; NIST SP 800-53 IA-2(1); MCSB IM-6".  Context: a control. -->
  <xsl:template name="citations">
    <xsl:for-each select="ref[@framework = 'hipaa'][1] | ref[@framework = 'soc2'][1] | ref[@framework = 'nist-800-53'][1] | ref[@framework = 'mcsb'][1]">
      <xsl:variable name="f" select="@framework"/>
      <xsl:if test="position() &gt; 1">; </xsl:if>
      <xsl:call-template name="framework-name"><xsl:with-param name="id" select="$f"/></xsl:call-template>
      <xsl:text> </xsl:text>
      <xsl:for-each select="../ref[@framework = $f]">
        <xsl:if test="position() &gt; 1">, </xsl:if>
        <xsl:value-of select="@id"/>
      </xsl:for-each>
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

  <!-- "2026-11-20T00:00:00Z" -> "2026-11-20 00:00 UTC"; anything else as given. -->
  <xsl:template name="time">
    <xsl:param name="t"/>
    <xsl:choose>
      <xsl:when test="string-length($t) = 20 and substring($t, 11, 1) = 'T' and substring($t, 20) = 'Z'">
        <xsl:value-of select="concat(substring($t, 1, 10), ' ', substring($t, 12, 5), ' UTC')"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$t"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "3 workloads", "1 workload". -->
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

  <xsl:template name="percent">
    <xsl:param name="part"/>
    <xsl:param name="whole"/>
    <xsl:choose>
      <xsl:when test="number($whole) &gt; 0"><xsl:value-of select="format-number(100 * $part div $whole, '0.0')"/></xsl:when>
      <xsl:otherwise>0.0</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

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

  <xsl:template name="first-sentence">
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="contains($text, '. ')"><xsl:value-of select="concat(substring-before($text, '. '), '.')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ==== style sheet ======================================================================== -->

  <!-- Status colours as in the PDF (src/pdf/layout_badge.c): apart in hue and in lightness for
       colour-blind readers and greyscale print; every badge also says its status in words and
       carries a mark (● met, ◐ partial, ✕ failed, ○ missing, ▲ critical and high). -->
  <xsl:template name="css"><![CDATA[
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
html { font-family: "DejaVu Sans", "Segoe UI", "Helvetica Neue", Arial, sans-serif; font-size: 15px; line-height: 1.45; color: #1d232a; background: #f4f5f7; }
body { margin: 0; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem 1rem; }
.skip:focus { left: 1rem; z-index: 2; }
.cover, .toc, main, .foot { max-width: 1180px; margin: 0 auto; padding: 0 2rem; }
.cover { background: #fff; border-top: 6px solid var(--brand); padding-top: 2rem; padding-bottom: 1.5rem; margin-top: 1.5rem; }
.cover h1 { color: var(--brand); font-size: 2rem; margin: 0 0 .2rem; }
.cover .client { font-size: 1.35rem; margin: 0 0 1.2rem; }
.marking { font-weight: bold; font-size: .85rem; letter-spacing: .02em; color: #5b6570; text-transform: none; margin: 0 0 1rem; }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: .6rem 2rem; margin: 0; }
.facts div { border-left: 3px solid #d6dbe1; padding-left: .6rem; }
.facts dt { font-size: .75rem; text-transform: uppercase; letter-spacing: .05em; color: #5b6570; }
.facts dd { margin: 0; }
.toc { background: #fff; padding-top: .5rem; padding-bottom: 1rem; border-top: 1px solid #e3e6ea; }
.toc h2 { font-size: 1rem; margin: .6rem 0; color: #1d232a; border: 0; }
.toc ol { margin: 0; padding-left: 1.4rem; columns: 2; column-gap: 3rem; }
.toc ol ol { columns: 1; }
main { background: #fff; padding-bottom: 2rem; }
section { margin: 0; }
main > section { padding-top: 1.2rem; border-top: 1px solid #e3e6ea; }
h2, h3, h4, h5 { color: var(--brand); line-height: 1.25; }
h2 { font-size: 1.5rem; margin: .6rem 0 .8rem; }
h3 { font-size: 1.2rem; margin: 1.6rem 0 .6rem; }
h4 { font-size: 1.05rem; margin: 1.4rem 0 .5rem; padding-bottom: .2rem; border-bottom: 2px solid #e3e6ea; }
h5 { font-size: .95rem; margin: 0 0 .3rem; color: #1d232a; }
p { margin: .5rem 0; max-width: 52rem; }
.verdict { font-size: 1.1rem; max-width: 60rem; }
.note, .small { font-size: .82rem; color: #4a535d; }
a { color: var(--brand); }
code, .id { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: .8em; overflow-wrap: break-word; }
.hash .id, .inputs .id { overflow-wrap: anywhere; }
abbr[title] { text-decoration: none; cursor: help; }
table { border-collapse: collapse; margin: .6rem 0 1rem; font-size: .85rem; }
caption { text-align: left; font-size: .8rem; color: #4a535d; padding-bottom: .3rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .55rem; border-bottom: 1px solid #e3e6ea; }
thead th { background: #e9edf2; border-bottom: 2px solid #c9d1da; font-weight: bold; }
tbody tr:nth-child(even) { background: #f8f9fb; }
tbody th { font-weight: normal; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.scroll { overflow-x: auto; }
.data { width: 100%; }
.data.narrow { width: auto; min-width: 32rem; }
.sub { display: block; font-size: .78rem; color: #5b6570; }
.scores { min-width: 50%; }
.scores td.score { font-size: 1.45rem; font-weight: bold; color: var(--brand); }
.scores td, .scores th { text-align: center; }
.scores tbody th { text-align: left; font-weight: bold; }
.tiles { display: flex; flex-wrap: wrap; gap: .8rem; list-style: none; padding: 0; margin: .5rem 0 1rem; }
.tile { flex: 1 1 10rem; border: 1px solid #dde2e8; border-radius: 6px; padding: .6rem .9rem; background: #fff; display: flex; align-items: center; gap: .7rem; }
.tile-n { font-size: 1.8rem; font-weight: bold; font-variant-numeric: tabular-nums; }
.tile-critical { border-left: 6px solid #5d0a0a; }
.tile-high { border-left: 6px solid #b71c1c; }
.tile-medium { border-left: 6px solid #f9a825; }
.tile-low { border-left: 6px solid #b0bec5; }
.gaps li { margin-bottom: .5rem; max-width: 60rem; }
.charts { display: flex; flex-wrap: wrap; gap: 1.5rem 3rem; margin-top: 1rem; }
figure.chart { margin: 0; }
figure.chart svg { max-width: 100%; height: auto; }
figcaption { font-size: .8rem; color: #4a535d; }
svg text { font-family: inherit; font-size: 12px; fill: #1d232a; }
svg .lbl2, svg .tick { font-size: 11px; fill: #5b6570; }
svg .val { font-size: 11px; font-weight: bold; }
svg .fw { font-weight: bold; }
svg .track { fill: #eef1f4; }
svg .bar-score { fill: var(--brand); }
svg .bar-coverage { fill: #8fa9c4; }
svg .axis { stroke: #c9d1da; }
.key::before { content: ""; display: inline-block; width: .8em; height: .8em; margin: 0 .3em 0 .6em; vertical-align: -.05em; }
.key-score::before { background: var(--brand); }
.key-coverage::before { background: #8fa9c4; }
.own-provider { fill: #e1e7ee; background: #e1e7ee; }
.own-shared { fill: #f3d48e; background: #f3d48e; }
.own-customer { fill: #a9c6e2; background: #a9c6e2; }
svg rect.own-provider, svg rect.own-shared, svg rect.own-customer { stroke: #fff; stroke-width: 1; }
.matrix td.own, .matrix thead th + th { text-align: center; width: 15%; }
.matrix .ms { display: block; font-size: .75rem; font-style: italic; }
.badge { display: inline-block; white-space: nowrap; font-size: .75rem; font-weight: bold; line-height: 1.3; padding: .05rem .45rem; border-radius: 3px; border: 1px solid transparent; }
.badge::before { margin-right: .3em; }
.b-met, .b-satisfied { background: #2e7d32; color: #fff; }
.b-met::before, .b-satisfied::before { content: "●"; }
.b-partially-met, .b-stale, .b-medium { background: #f9a825; color: #2b1d00; }
.b-partially-met::before, .b-stale::before { content: "◐"; }
.b-medium::before { content: "■"; }
.b-not-met, .b-failed, .b-high { background: #b71c1c; color: #fff; }
.b-not-met::before, .b-failed::before { content: "✕"; }
.b-high::before { content: "▲"; }
.b-critical { background: #5d0a0a; color: #fff; }
.b-critical::before { content: "▲▲"; letter-spacing: -.1em; }
.b-missing { background: #fff; color: #b71c1c; border-color: #b71c1c; }
.b-missing::before { content: "○"; }
.b-inherited { background: #546e7a; color: #fff; }
.b-inherited::before { content: "↧"; }
.b-low { background: #b0bec5; color: #1c2b33; }
.b-low::before { content: "▽"; }
.b-not-applicable, .b-not-assessed { background: #e0e0e0; color: #424242; }
.b-not-applicable::before, .b-not-assessed::before { content: "–"; }
.group { border: 1px solid #dde2e8; border-left: 4px solid var(--brand); border-radius: 4px; padding: .7rem 1rem; margin: .8rem 0; background: #fff; }
.group .meta { margin: .2rem 0 .5rem; }
.props { display: grid; grid-template-columns: 9rem 1fr; gap: .25rem 1rem; margin: 0; font-size: .88rem; }
.props div { display: contents; }
.props dt { color: #5b6570; font-weight: bold; }
.props dd { margin: 0; }
.props ul { margin: 0; padding-left: 1.1rem; }
.props .ids { font-size: .8rem; }
.filters { display: flex; flex-wrap: wrap; align-items: flex-end; gap: .6rem 1rem; background: #f1f4f7; border: 1px solid #dde2e8; border-radius: 4px; padding: .7rem .9rem; margin: .6rem 0; font-size: .85rem; }
.filters label { display: flex; flex-direction: column; gap: .15rem; font-weight: bold; color: #4a535d; }
.filters select, .filters button { font: inherit; font-weight: normal; padding: .25rem .4rem; max-width: 22rem; }
.filters output { margin-left: auto; font-weight: bold; align-self: center; }
.findings td:first-child { white-space: nowrap; }
.findings .id { font-size: .72rem; max-width: 11rem; }
th button.sort { all: unset; cursor: pointer; font-weight: bold; white-space: nowrap; }
th button.sort::after { content: " ↕"; color: #8a949e; }
th[aria-sort="ascending"] button.sort::after { content: " ↑"; color: inherit; }
th[aria-sort="descending"] button.sort::after { content: " ↓"; color: inherit; }
th button.sort:focus-visible { outline: 2px solid var(--brand); outline-offset: 2px; }
.inventory td.layer, .inventory th.layer { text-align: center; width: 2rem; padding-left: .2rem; padding-right: .2rem; }
.inventory abbr { text-decoration: none; }
.register td.hash .id { font-size: .7rem; }
.statuses tbody th { width: 11rem; }
.checks td.bad { background: #fbe3e1; font-weight: bold; }
.checks td.gap { background: #fff1d6; font-weight: bold; }
.checks tbody th { width: 40%; }
.register td:first-child, .register td:nth-child(5) { white-space: nowrap; }
.register td:nth-child(5) .sub { white-space: normal; }
.counts th, .counts td.num { text-align: center; width: 16.6%; }
.reqs td:nth-child(1) { width: 9rem; }
.reqs td:nth-child(2) { width: 30%; }
.reqs td:nth-child(4) { width: 14%; }
.foot { padding-top: 1rem; padding-bottom: 2rem; font-size: .8rem; color: #5b6570; }
@media (max-width: 700px) {
  .cover, .toc, main, .foot { padding-left: 1rem; padding-right: 1rem; }
  .toc ol { columns: 1; }
  .props { grid-template-columns: 1fr; }
}
@media print {
  @page { size: A4; margin: 18mm 16mm; }
  html { font-size: 9.5pt; background: #fff; }
  .cover, .toc, main, .foot { max-width: none; padding: 0; margin: 0; }
  .cover { border-top: 0; page-break-after: always; break-after: page; padding-top: 40mm; }
  .cover h1 { font-size: 24pt; }
  .toc { page-break-after: always; break-after: page; border: 0; }
  .skip, .filters, .js-only { display: none !important; }
  main > section { border-top: 0; break-before: page; page-break-before: always; }
  h2, h3, h4, h5 { break-after: avoid; page-break-after: avoid; }
  thead { display: table-header-group; }
  tr, .group, figure, .tile { break-inside: avoid; page-break-inside: avoid; }
  .scroll { overflow: visible; }
  a { color: inherit; text-decoration: none; }
  th button.sort::after { content: none; }
  /* a header row repeated on a new page would show the sort buttons empty */
  th button.sort { display: contents; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
]]></xsl:template>

  <!-- ==== script ============================================================================= -->

  <!-- Filters and sorting for the findings table.  It reads only the page: the rows' data-
       attributes and the cells' data-sort keys (else their text).  The table's data-visible
       attribute holds the number of rows shown, for tests and for the reader of the source. -->
  <xsl:template name="script"><![CDATA[
(function () {
  'use strict';
  var table = document.getElementById('findings-table');
  var form = document.getElementById('findings-filters');
  if (!table || !form || !table.tBodies.length) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var shown = document.getElementById('findings-shown');
  var fields = ['severity', 'framework', 'owner', 'subscription'];
  rows.forEach(function (r, i) { r.setAttribute('data-order', i); });

  function wanted(r) {
    return fields.every(function (f) {
      var el = form.elements[f];
      if (!el || el.value === '*') return true;
      if (f === 'framework')
        return (' ' + r.getAttribute('data-frameworks') + ' ').indexOf(' ' + el.value + ' ') >= 0;
      return (r.getAttribute('data-' + f) || '') === el.value;
    });
  }
  function apply() {
    var n = 0;
    rows.forEach(function (r) { var ok = wanted(r); r.hidden = !ok; if (ok) n++; });
    table.setAttribute('data-visible', n);
    shown.textContent = n === rows.length ? 'All ' + n + ' findings shown'
                                          : n + ' of ' + rows.length + ' findings shown';
  }
  form.addEventListener('change', apply);
  form.addEventListener('reset', function () { setTimeout(apply, 0); });
  form.addEventListener('submit', function (e) { e.preventDefault(); });

  var collator = window.Intl ? new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' }) : null;
  function key(r, i) {
    var c = r.cells[i];
    return c.hasAttribute('data-sort') ? c.getAttribute('data-sort') : c.textContent.trim();
  }
  function compare(x, y) {
    var a = Number(x), b = Number(y);
    if (x !== '' && y !== '' && !isNaN(a) && !isNaN(b)) return a - b;
    return collator ? collator.compare(x, y) : (x < y ? -1 : x > y ? 1 : 0);
  }
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  heads.forEach(function (th, i) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'sort';
    while (th.firstChild) b.appendChild(th.firstChild);
    th.appendChild(b);
    b.addEventListener('click', function () {
      var up = th.getAttribute('aria-sort') !== 'ascending';
      heads.forEach(function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', up ? 'ascending' : 'descending');
      rows.sort(function (p, q) {
        var d = compare(key(p, i), key(q, i));
        if (!up) d = -d;
        return d || p.getAttribute('data-order') - q.getAttribute('data-order');
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });

  Array.prototype.forEach.call(document.querySelectorAll('.js-only'), function (el) { el.hidden = false; });
  form.hidden = false;
  apply();
})();
]]></xsl:template>

</xsl:stylesheet>
