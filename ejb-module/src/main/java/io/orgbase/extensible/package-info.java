/**
 * What every extensible record (organization, department, team, contact) carries besides its own
 * fields — tags and custom-field values — and the rule that a change to those, however it is made,
 * is a change of the record: a new version (and ETag) and an audit entry.
 */
package io.orgbase.extensible;
