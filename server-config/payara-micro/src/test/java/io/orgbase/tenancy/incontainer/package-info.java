/** In-container tests of tenant isolation, deployed with the real flat WAR. */
package io.orgbase.tenancy.incontainer;
