package io.orgbase.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Organization selection by host name: with {@code orgbase.base-domain} set to {@code
 * orgbase.example.com}, a request to {@code acme.orgbase.example.com} selects the organization
 * {@code acme} wherever the path says {@code current}.
 */
@ApplicationScoped
public class Subdomains {

    @Inject
    @ConfigProperty(name = "orgbase.base-domain", defaultValue = " ")
    String baseDomain;

    /** The slug named by the host's first label, when the host is a direct subdomain of the base. */
    public Optional<String> slugOf(String host) {
        String base = baseDomain.strip().toLowerCase(Locale.ROOT);
        if (base.isEmpty() || host == null) {
            return Optional.empty();
        }
        String name = host.strip().toLowerCase(Locale.ROOT).replaceFirst(":\\d+$", "");
        String suffix = "." + base;
        if (!name.endsWith(suffix)) {
            return Optional.empty();
        }
        String label = name.substring(0, name.length() - suffix.length());
        return label.isEmpty() || label.contains(".") ? Optional.empty() : Optional.of(label);
    }
}
