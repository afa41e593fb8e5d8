package io.gureum.acm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Domain validation as ACM describes it: EMAIL goes to the five common administrative addresses of the
 * validation domain (https://docs.aws.amazon.com/acm/latest/userguide/email-validation.html; the WHOIS
 * contacts AWS also uses are unknown here); DNS asks for a CNAME record
 * {@code _<hex>.<domain>.} → {@code _<hex>.<label>.acm-validations.aws.}
 * (https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html). A wildcard's record is its base
 * domain's, and, as in AWS, a domain's record is the same for every certificate of the account, so it is
 * derived from the account and the domain.
 */
final class Validations {
    private static final List<String> MAILBOXES = List.of("admin", "administrator", "hostmaster", "postmaster",
            "webmaster");

    private Validations() {
    }

    static List<String> emails(String validationDomain) {
        return MAILBOXES.stream().map(m -> m + "@" + validationDomain).toList();
    }

    /** The record name and value for {@code domain} in {@code account}. */
    static String[] record(String account, String domain) {
        String base = domain.startsWith("*.") ? domain.substring(2) : domain;
        base = base.toLowerCase(java.util.Locale.ROOT);
        byte[] h = sha256(account + "|" + base);
        HexFormat hex = HexFormat.of();
        String name = "_" + hex.formatHex(h, 0, 16) + "." + base + ".";
        String label = letters(h, 16, 10);
        String value = "_" + hex.formatHex(sha256("value|" + account + "|" + base), 0, 16) + "." + label
                + ".acm-validations.aws.";
        return new String[] {name, value};
    }

    private static String letters(byte[] h, int from, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((char) ('a' + (h[from + i] & 0xff) % 26));
        }
        return s.toString();
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
