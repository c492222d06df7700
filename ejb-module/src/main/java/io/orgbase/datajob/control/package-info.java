/** What data jobs do inside their transactions, and how they are started, watched and recovered. */
package io.orgbase.datajob.control;
