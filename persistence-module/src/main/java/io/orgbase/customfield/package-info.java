/** An organization's own field definitions for its records (organizations, departments, teams, contacts). */
package io.orgbase.customfield;
