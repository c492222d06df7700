/**
 * Maintenance: retention and purges, each a Jakarta Batch job run once per cluster at its time
 * (the first member to claim the slot runs it), watched and started by platform administrators.
 */
package io.orgbase.maintenance;
