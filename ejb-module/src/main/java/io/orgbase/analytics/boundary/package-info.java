/**
 * Figures computed in SQL: one organization's people and structure for its members, and the
 * platform's overview across every organization for platform administrators.
 */
package io.orgbase.analytics.boundary;
