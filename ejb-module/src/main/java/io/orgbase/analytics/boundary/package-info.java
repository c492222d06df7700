/** Figures about one organization's people and structure, computed in SQL. */
package io.orgbase.analytics.boundary;
