/** Looking up reference data by its natural keys, for every boundary that refers to it. */
package io.orgbase.reference.control;
