/** Platform administrators' view of maintenance: the tasks, their runs, and a run now. */
package io.orgbase.maintenance.boundary;
