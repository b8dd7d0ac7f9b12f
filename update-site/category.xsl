<?xml version="1.0" encoding="UTF-8"?>
<!-- Finishes the metadata Tycho's publisher wrote: names the repository, and (in content.xml) adds the
     "Mode Connectivity" category, which its features-and-bundles publisher does not make: a category unit
     requiring every feature group of the site, so that KNIME's "Install New Software" lists them under it. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>
  <xsl:param name="version"/>

  <xsl:template match="@*|node()">
    <xsl:copy>
      <xsl:apply-templates select="@*|node()"/>
    </xsl:copy>
  </xsl:template>

  <!-- The publisher names the repository after its folder; users see this name in KNIME. -->
  <xsl:template match="/repository/@name">
    <xsl:attribute name="name">Mode Connectivity for KNIME</xsl:attribute>
  </xsl:template>

  <xsl:template match="/repository/units">
    <xsl:variable name="groups" select="unit[properties/property[@name='org.eclipse.equinox.p2.type.group' and @value='true']]"/>
    <units size="{@size + 1}">
      <xsl:apply-templates select="unit"/>
      <unit id="org.modeconn.knime.category" version="{$version}">
        <properties size="3">
          <property name="org.eclipse.equinox.p2.name" value="Mode Connectivity"/>
          <property name="org.eclipse.equinox.p2.description"
                    value="Loss-surface mode connectivity, curve fitting and Fast Geometric Ensembling for KNIME"/>
          <property name="org.eclipse.equinox.p2.type.category" value="true"/>
        </properties>
        <provides size="1">
          <provided namespace="org.eclipse.equinox.p2.iu" name="org.modeconn.knime.category" version="{$version}"/>
        </provides>
        <requires size="{count($groups)}">
          <xsl:for-each select="$groups">
            <required namespace="org.eclipse.equinox.p2.iu" name="{@id}" range="[{@version},{@version}]"/>
          </xsl:for-each>
        </requires>
        <touchpoint id="null" version="0.0.0"/>
      </unit>
    </units>
  </xsl:template>
</xsl:stylesheet>
