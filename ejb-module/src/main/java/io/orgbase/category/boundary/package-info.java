/** Categories of the tenant organization: the boundary and its request. */
package io.orgbase.category.boundary;
