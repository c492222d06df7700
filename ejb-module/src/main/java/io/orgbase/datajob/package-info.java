/**
 * Data jobs: imports and exports of a collection of one organization, run as Jakarta Batch jobs.
 * A collection declares once how its rows are read and written ({@link io.orgbase.datajob.DataSpec}).
 */
package io.orgbase.datajob;
