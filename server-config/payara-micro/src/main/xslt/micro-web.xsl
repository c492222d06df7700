<?xml version="1.0" encoding="UTF-8"?>
<!-- The web module's web.xml for Payara Micro: the same, without the servlets that name SOAP endpoint
     classes (Micro has no JAX-WS runtime to turn them into ports; CxfPorts serves them instead). -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:j="https://jakarta.ee/xml/ns/jakartaee">
    <xsl:output method="xml" indent="yes" encoding="UTF-8"/>

    <xsl:key name="soap" match="j:servlet[starts-with(normalize-space(j:servlet-class), 'io.orgbase.soap.')]"
             use="normalize-space(j:servlet-name)"/>

    <xsl:template match="@*|node()">
        <xsl:copy><xsl:apply-templates select="@*|node()"/></xsl:copy>
    </xsl:template>

    <xsl:template match="j:servlet[starts-with(normalize-space(j:servlet-class), 'io.orgbase.soap.')]"/>
    <xsl:template match="j:servlet-mapping[key('soap', normalize-space(j:servlet-name))]"/>
</xsl:stylesheet>
