package io.orgbase.identity.api;

import io.orgbase.identity.control.SigningKeys;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Publishes the public keys that verify Orgbase access tokens (RFC 7517), for services that accept
 * them too. It lists the current signing key and the keys still accepted after a rotation.
 */
@WebServlet("/.well-known/jwks.json")
public class JwksServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/jwk-set+json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "public, max-age=300");
        response.getWriter().write(SigningKeys.current().publicJwks());
    }
}
