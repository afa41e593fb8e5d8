package io.gureum.sns;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AWS managed data identifiers Gureum recognises by pattern
 * (https://docs.aws.amazon.com/sns/latest/dg/sns-message-data-protection-managed-data-identifiers.html), named
 * {@code arn:aws:dataprotection::aws:data-identifier/<Name>}. AWS also uses machine learning and context
 * keywords; these are plain patterns (credit card numbers also pass the Luhn check), so names, addresses and
 * the other identifiers that need judgement are not listed and a policy naming them finds nothing.
 */
final class DataIdentifiers {
    static final String MANAGED_PREFIX = "arn:aws:dataprotection::aws:data-identifier/";

    record Identifier(Pattern pattern, Predicate<String> check) {
        /** Each match of this identifier in {@code text}, as [start, end) pairs. */
        java.util.List<int[]> find(String text) {
            java.util.List<int[]> out = new java.util.ArrayList<>();
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                if (check.test(m.group())) {
                    out.add(new int[] {m.start(), m.end()});
                }
            }
            return out;
        }
    }

    static final Map<String, Identifier> MANAGED = new LinkedHashMap<>();

    static {
        managed("EmailAddress", "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
        MANAGED.put("CreditCardNumber", new Identifier(
                Pattern.compile("(?<![0-9])(?:[0-9][ -]?){12,18}[0-9](?![0-9])"), DataIdentifiers::luhn));
        managed("CreditCardExpiration", "(?<![0-9])(?:0[1-9]|1[0-2])/(?:[0-9]{2}|20[0-9]{2})(?![0-9/])");
        managed("AwsSecretKey", "(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])");
        managed("IpAddress", "(?<![0-9.])(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}"
                + "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(?![0-9.])");
        managed("Ssn-US", "(?<![0-9])(?!000|666|9[0-9]{2})[0-9]{3}-(?!00)[0-9]{2}-(?!0000)[0-9]{4}(?![0-9])");
        managed("PhoneNumber-US", "(?<![0-9])(?:\\+1[ -.]?)?\\(?[2-9][0-9]{2}\\)?[ -.]?[2-9][0-9]{2}[ -.]?[0-9]{4}(?![0-9])");
        managed("OpenSshPrivateKey", "-----BEGIN OPENSSH PRIVATE KEY-----[\\s\\S]*?-----END OPENSSH PRIVATE KEY-----");
        managed("PgpPrivateKey", "-----BEGIN PGP PRIVATE KEY BLOCK-----[\\s\\S]*?-----END PGP PRIVATE KEY BLOCK-----");
        managed("PkcsPrivateKey", "-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----[\\s\\S]*?-----END (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----");
        managed("PuttyPrivateKey", "PuTTY-User-Key-File-[0-9]+:[^\\n]*");
        managed("VehicleIdentificationNumber", "(?<![A-Z0-9])[A-HJ-NPR-Z0-9]{17}(?![A-Z0-9])");
        managed("LatLong", "(?<![0-9.])[-+]?(?:[1-8]?[0-9]\\.[0-9]{4,}|90\\.0{4,}),\\s*[-+]?(?:1[0-7][0-9]|[1-9]?[0-9])\\.[0-9]{4,}(?![0-9])");
    }

    private DataIdentifiers() {
    }

    private static void managed(String name, String regex) {
        MANAGED.put(name, new Identifier(Pattern.compile(regex), s -> true));
    }

    /** The managed identifier an ARN names, or null when Gureum does not recognise it. */
    static Identifier managed(String arn) {
        return arn.startsWith(MANAGED_PREFIX) ? MANAGED.get(arn.substring(MANAGED_PREFIX.length())) : null;
    }

    static boolean luhn(String candidate) {
        String digits = candidate.replaceAll("[^0-9]", "");
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return digits.length() >= 13 && sum % 10 == 0;
    }
}
