<?xml version="1.0" encoding="UTF-8"?>
<!-- A template with a DTD whose external entity would read a local file: refused before it is
     compiled (no document with a DTD is read). -->
<!DOCTYPE xsl:stylesheet [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/">
    <document title="x"><p>&secret;</p></document>
  </xsl:template>
</xsl:stylesheet>
