package io.orgbase.identity.api;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import io.orgbase.api.ClientAddress;
import io.orgbase.audit.RequestInfo;
import io.orgbase.identity.boundary.EmailOwnership;
import io.orgbase.logging.Logs;
import io.orgbase.organization.boundary.Invitations;
import io.orgbase.problems.DomainException;
import io.orgbase.problems.FieldError;
import io.orgbase.problems.InvalidInput;
import io.orgbase.problems.TooManyRequests;
import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The pages emailed links lead to: confirming an address, choosing a new password, joining an
 * organization. Opening a link changes nothing (mail scanners open links); each page asks, and its
 * form posts the token to the same boundaries the API uses. Plain HTML forms: no script, a strict
 * Content-Security-Policy, no referrer (the token is in the address), nothing cached.
 */
@WebServlet(urlPatterns = {"/account/*"})
public class AccountPages extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logs.get(AccountPages.class);

    private static final String VERIFY = "verify-email";
    private static final String RESET = "reset-password";
    private static final String JOIN = "join";

    private static final Mustache LAYOUT = compile("pages/layout.mustache");
    private static final byte[] STYLE = read("pages/style.css");

    @Inject
    transient EmailOwnership ownership;

    @Inject
    transient Invitations invitations;

    @Inject
    transient RequestInfo requestInfo;

    @Inject
    transient ClientAddress clientAddress;

    private record Field(String label, String name, String type, String autocomplete, boolean required) {}

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String page = page(request);
        if ("style.css".equals(page)) {
            response.setContentType("text/css;charset=utf-8");
            response.setHeader("Cache-Control", "public, max-age=3600");
            response.getOutputStream().write(STYLE);
            return;
        }
        String token = request.getParameter("token");
        if (token == null || token.isBlank() || token.length() > 200) {
            render(request, response, 404, view("Link not found").error("This link is incomplete."));
            return;
        }
        switch (page) {
            case VERIFY -> {
                java.util.Optional<String> address = ownership.addressOf(token);
                if (address.isEmpty()) {
                    render(request, response, 404, linkNotFound());
                } else {
                    render(request, response, 200, verifyForm(token, address.get()));
                }
            }
            case RESET -> render(request, response, 200, resetForm(token));
            case JOIN -> render(request, response, 200, joinForm(token));
            default -> render(request, response, 404, view("Page not found"));
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.setCharacterEncoding("UTF-8");
        String page = page(request);
        String token = request.getParameter("token");
        if (!List.of(VERIFY, RESET, JOIN).contains(page)) {
            render(request, response, 404, view("Page not found"));
            return;
        }
        if (token == null || token.isBlank() || token.length() > 200) {
            render(request, response, 404, view("Link not found").error("This link is incomplete."));
            return;
        }
        requestInfo.set(clientAddress.of(request), null, UUID.randomUUID().toString());
        try {
            switch (page) {
                case VERIFY -> {
                    EmailOwnership.Verified verified = ownership.verify(token, request.getParameter("password"));
                    render(
                            request,
                            response,
                            200,
                            view(verified.addressChanged() ? "Email address changed" : "Email address confirmed")
                                    .message(
                                            verified.addressChanged()
                                                    ? "Your account now uses "
                                                            + verified.user().getEmail() + "."
                                                    : "Thank you: "
                                                            + verified.user().getEmail() + " is confirmed."));
                }
                case RESET -> {
                    String password = request.getParameter("password");
                    if (password == null || !password.equals(request.getParameter("repeat"))) {
                        render(request, response, 400, resetForm(token).error("The two passwords differ."));
                        return;
                    }
                    ownership.resetPassword(token, password);
                    render(
                            request,
                            response,
                            200,
                            view("Password changed")
                                    .message("Your new password works now; every other session was signed out."));
                }
                default -> {
                    String password = blankToNull(request.getParameter("password"));
                    String name = blankToNull(request.getParameter("displayName"));
                    Invitations.Accepted accepted = invitations.accept(token, password, name);
                    render(
                            request,
                            response,
                            200,
                            view("Welcome to " + accepted.organization().getName())
                                    .message("You joined "
                                            + accepted.organization().getName() + " as " + accepted.role()
                                            + ". Sign in with "
                                            + accepted.user().getEmail() + "."));
                }
            }
        } catch (EJBException e) {
            Exception cause = e.getCausedByException();
            if (cause instanceof DomainException problem) {
                failed(request, response, page, token, problem);
            } else {
                LOG.log(Level.WARNING, "An account page failed", e);
                render(request, response, 500, view("Something went wrong").error("Please try again later."));
            }
        } catch (DomainException problem) {
            failed(request, response, page, token, problem);
        }
    }

    private void failed(
            HttpServletRequest request,
            HttpServletResponse response,
            String page,
            String token,
            DomainException problem)
            throws IOException {
        int status =
                switch (problem.kind()) {
                    case "not-found" -> 404;
                    case "conflict" -> 409;
                    case "too-many-requests" -> 429;
                    default -> 400;
                };
        if (problem instanceof TooManyRequests tooMany) {
            response.setHeader("Retry-After", String.valueOf(tooMany.retryAfterSeconds()));
        }
        View view = status == 404
                ? linkNotFound()
                : switch (page) {
                    case RESET -> resetForm(token);
                    case JOIN -> joinForm(token);
                    default -> ownership
                            .addressOf(token)
                            .map(address -> verifyForm(token, address))
                            .orElseGet(() -> view("Not confirmed"));
                };
        if (status != 404) {
            view.error(
                    problem instanceof InvalidInput invalid && problem.getMessage() == null
                            ? "Please correct the fields below."
                            : problem.getMessage());
            if (problem instanceof InvalidInput invalid) {
                view.fieldErrors(invalid.errors());
            }
        }
        render(request, response, status, view);
    }

    private static View linkNotFound() {
        return view("Link not found").error("This link was used already, has expired, or was replaced by a newer one.");
    }

    private static View verifyForm(String token, String address) {
        return view("Confirm your email address")
                .message("Confirm that " + address + " is yours with the password of your Orgbase account.")
                .form(
                        VERIFY,
                        token,
                        "Confirm my address",
                        List.of(new Field("Password", "password", "password", "current-password", true)),
                        "If you have no Orgbase account, or did not ask for this, ignore the message: nothing "
                                + "changes.");
    }

    private View resetForm(String token) {
        return view("Choose a new password")
                .form(
                        RESET,
                        token,
                        "Change my password",
                        List.of(
                                new Field("New password", "password", "password", "new-password", true),
                                new Field("The same again", "repeat", "password", "new-password", true)),
                        "Choosing a new password signs you out everywhere.");
    }

    private View joinForm(String token) {
        return view("Join the organization")
                .form(
                        JOIN,
                        token,
                        "Join",
                        List.of(
                                new Field("Your name", "displayName", "text", "name", false),
                                new Field("Password", "password", "password", "new-password", false)),
                        "If you have no account with this address yet, choose your name and a password; "
                                + "otherwise leave both empty.");
    }

    private static String page(HttpServletRequest request) {
        String path = request.getPathInfo();
        return path == null ? "" : path.replaceFirst("^/", "");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static View view(String title) {
        return new View(title);
    }

    /** What the layout shows. */
    private static final class View {
        private final Map<String, Object> values = new HashMap<>();

        View(String title) {
            values.put("title", title);
        }

        View message(String message) {
            values.put("message", message);
            return this;
        }

        View error(String error) {
            values.put("error", error);
            return this;
        }

        View fieldErrors(List<FieldError> errors) {
            values.put(
                    "fieldErrors",
                    errors.stream()
                            .map(e -> Map.of("name", e.name(), "reason", e.reason()))
                            .toList());
            return this;
        }

        View form(String action, String token, String button, List<Field> fields, String hint) {
            Map<String, Object> form = new HashMap<>();
            form.put("action", action);
            form.put("token", token);
            form.put("button", button);
            form.put(
                    "fields",
                    fields.stream()
                            .map(f -> Map.of(
                                    "label", f.label(),
                                    "name", f.name(),
                                    "type", f.type(),
                                    "autocomplete", f.autocomplete(),
                                    "required", f.required()))
                            .toList());
            if (hint != null) {
                form.put("hint", hint);
            }
            values.put("form", form);
            return this;
        }
    }

    private void render(HttpServletRequest request, HttpServletResponse response, int status, View view)
            throws IOException {
        view.values.put("base", request.getContextPath());
        response.setStatus(status);
        response.setContentType("text/html;charset=utf-8");
        response.setHeader(
                "Content-Security-Policy",
                "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        LAYOUT.execute(response.getWriter(), view.values).flush();
    }

    private static Mustache compile(String resource) {
        try (InputStream in = AccountPages.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            DefaultMustacheFactory factory = new DefaultMustacheFactory() {
                @Override
                public Mustache compilePartial(String name) {
                    throw new MustacheException("no partials in pages");
                }
            };
            return factory.compile(new InputStreamReader(in, StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }

    private static byte[] read(String resource) {
        try (InputStream in = AccountPages.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }
}
