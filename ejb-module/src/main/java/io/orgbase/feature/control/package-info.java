/** Working out which features are on for the tenant of the current transaction. */
package io.orgbase.feature.control;
