/** Data jobs over REST: uploads, imports, their progress, their per-row errors, and their control. */
package io.orgbase.datajob.api;
