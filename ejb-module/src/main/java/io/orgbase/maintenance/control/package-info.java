/** The schedule, the runs' records and the work each task does. */
package io.orgbase.maintenance.control;
