package io.gureum.vpc.reachability;

import java.util.Locale;

/** Protocol names and numbers as rules store them ({@code tcp}, {@code 6}, {@code -1}). */
final class Protocols {
    private Protocols() {
    }

    static String number(String protocol) {
        return switch (protocol.toLowerCase(Locale.ROOT)) {
            case "tcp" -> "6";
            case "udp" -> "17";
            case "icmp" -> "1";
            case "icmpv6" -> "58";
            case "all" -> "-1";
            default -> protocol;
        };
    }

    /** Whether a rule of {@code ruleProtocol} applies to packets of {@code packetProtocol}. */
    static boolean matches(String ruleProtocol, String packetProtocol) {
        String r = number(ruleProtocol);
        return r.equals("-1") || r.equals(number(packetProtocol));
    }

    /** Whether a rule's port bounds apply: only TCP and UDP rules have ports. */
    static boolean ported(String ruleProtocol) {
        String r = number(ruleProtocol);
        return r.equals("6") || r.equals("17");
    }
}
