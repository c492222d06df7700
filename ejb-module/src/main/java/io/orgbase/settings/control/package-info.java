/** What organization settings exist, their types and defaults, and how a change is checked. */
package io.orgbase.settings.control;
