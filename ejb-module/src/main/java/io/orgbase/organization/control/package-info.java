/** Rules about organizations that more than one boundary needs: what a valid slug is. */
package io.orgbase.organization.control;
