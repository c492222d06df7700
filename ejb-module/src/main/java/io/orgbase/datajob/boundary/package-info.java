/** An organization's imports and exports, and the files they read and write. */
package io.orgbase.datajob.boundary;
