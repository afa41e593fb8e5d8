package io.gureum.vpc;

import io.gureum.ec2common.Ec2Errors;
import io.gureum.vpc.net.Cidr;
import io.gureum.vpc.net.Ipv6;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.CloudWatchLogOptions;
import software.amazon.awssdk.services.ec2.model.CloudWatchLogOptionsSpecification;
import software.amazon.awssdk.services.ec2.model.IKEVersionsListValue;
import software.amazon.awssdk.services.ec2.model.ModifyVpnTunnelOptionsSpecification;
import software.amazon.awssdk.services.ec2.model.Phase1DHGroupNumbersListValue;
import software.amazon.awssdk.services.ec2.model.Phase1EncryptionAlgorithmsListValue;
import software.amazon.awssdk.services.ec2.model.Phase1IntegrityAlgorithmsListValue;
import software.amazon.awssdk.services.ec2.model.Phase2DHGroupNumbersListValue;
import software.amazon.awssdk.services.ec2.model.Phase2EncryptionAlgorithmsListValue;
import software.amazon.awssdk.services.ec2.model.Phase2IntegrityAlgorithmsListValue;
import software.amazon.awssdk.services.ec2.model.TunnelOption;
import software.amazon.awssdk.services.ec2.model.VpnTunnelLogOptions;
import software.amazon.awssdk.services.ec2.model.VpnTunnelLogOptionsSpecification;
import software.amazon.awssdk.services.ec2.model.VpnTunnelOptionsSpecification;

/**
 * The options of one VPN tunnel as the API reference documents them (VpnTunnelOptionsSpecification,
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpnTunnelOptionsSpecification.html): each request's
 * options become a partial {@link TunnelOption}, checked against AWS's constraints, then laid over the tunnel's
 * current options (or AWS's defaults).
 */
final class VpnTunnels {
    static final Cidr LINK_LOCAL = Cidr.parse("169.254.0.0/16");
    /** The /30 blocks the API reference reserves inside 169.254.0.0/16. */
    static final Set<String> RESERVED = Set.of("169.254.0.0/30", "169.254.1.0/30", "169.254.2.0/30",
            "169.254.3.0/30", "169.254.4.0/30", "169.254.5.0/30", "169.254.169.252/30");
    static final Ipv6.Block ULA = Ipv6.parse("fd00::/8");
    /** Alphanumerics, periods and underscores, 8 to 64 of them, not starting with zero. */
    private static final Pattern PSK = Pattern.compile("[A-Za-z1-9._][A-Za-z0-9._]{7,63}");
    private static final List<String> ENCRYPTION = List.of("AES128", "AES256", "AES128-GCM-16", "AES256-GCM-16");
    private static final List<String> INTEGRITY = List.of("SHA1", "SHA2-256", "SHA2-384", "SHA2-512");
    private static final List<Integer> PHASE1_DH = List.of(2, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24);
    private static final List<Integer> PHASE2_DH = List.of(2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24);
    private static final List<String> IKE = List.of("ikev1", "ikev2");

    private VpnTunnels() {
    }

    /** AWS's defaults for a new tunnel: every algorithm, group and IKE version permitted. */
    static TunnelOption defaults() {
        return TunnelOption.builder().phase1LifetimeSeconds(28800).phase2LifetimeSeconds(3600)
                .rekeyMarginTimeSeconds(270).rekeyFuzzPercentage(100).replayWindowSize(1024).dpdTimeoutSeconds(30)
                .dpdTimeoutAction("clear").startupAction("add").enableTunnelLifecycleControl(false)
                .phase1EncryptionAlgorithms(map(ENCRYPTION, v -> Phase1EncryptionAlgorithmsListValue.builder()
                        .value(v).build()))
                .phase2EncryptionAlgorithms(map(ENCRYPTION, v -> Phase2EncryptionAlgorithmsListValue.builder()
                        .value(v).build()))
                .phase1IntegrityAlgorithms(map(INTEGRITY, v -> Phase1IntegrityAlgorithmsListValue.builder()
                        .value(v).build()))
                .phase2IntegrityAlgorithms(map(INTEGRITY, v -> Phase2IntegrityAlgorithmsListValue.builder()
                        .value(v).build()))
                .phase1DHGroupNumbers(map(PHASE1_DH, v -> Phase1DHGroupNumbersListValue.builder().value(v).build()))
                .phase2DHGroupNumbers(map(PHASE2_DH, v -> Phase2DHGroupNumbersListValue.builder().value(v).build()))
                .ikeVersions(map(IKE, v -> IKEVersionsListValue.builder().value(v).build()))
                .logOptions(VpnTunnelLogOptions.builder().cloudWatchLogOptions(CloudWatchLogOptions.builder()
                        .logEnabled(false).bgpLogEnabled(false).build()).build())
                .build();
    }

    private static <A, B> List<B> map(Collection<A> values, Function<A, B> f) {
        return values.stream().map(f).toList();
    }

    /** The options a CreateVpnConnection tunnel specification sets (null fields: not set). */
    static TunnelOption of(VpnTunnelOptionsSpecification o) {
        TunnelOption.Builder b = TunnelOption.builder().tunnelInsideCidr(o.tunnelInsideCidr())
                .tunnelInsideIpv6Cidr(o.tunnelInsideIpv6Cidr()).preSharedKey(o.preSharedKey())
                .phase1LifetimeSeconds(o.phase1LifetimeSeconds()).phase2LifetimeSeconds(o.phase2LifetimeSeconds())
                .rekeyMarginTimeSeconds(o.rekeyMarginTimeSeconds()).rekeyFuzzPercentage(o.rekeyFuzzPercentage())
                .replayWindowSize(o.replayWindowSize()).dpdTimeoutSeconds(o.dpdTimeoutSeconds())
                .dpdTimeoutAction(o.dpdTimeoutAction()).startupAction(o.startupAction())
                .enableTunnelLifecycleControl(o.enableTunnelLifecycleControl()).logOptions(log(o.logOptions()));
        if (o.hasPhase1EncryptionAlgorithms()) {
            b.phase1EncryptionAlgorithms(map(o.phase1EncryptionAlgorithms(), v -> Phase1EncryptionAlgorithmsListValue
                    .builder().value(v.value()).build()));
        }
        if (o.hasPhase2EncryptionAlgorithms()) {
            b.phase2EncryptionAlgorithms(map(o.phase2EncryptionAlgorithms(), v -> Phase2EncryptionAlgorithmsListValue
                    .builder().value(v.value()).build()));
        }
        if (o.hasPhase1IntegrityAlgorithms()) {
            b.phase1IntegrityAlgorithms(map(o.phase1IntegrityAlgorithms(), v -> Phase1IntegrityAlgorithmsListValue
                    .builder().value(v.value()).build()));
        }
        if (o.hasPhase2IntegrityAlgorithms()) {
            b.phase2IntegrityAlgorithms(map(o.phase2IntegrityAlgorithms(), v -> Phase2IntegrityAlgorithmsListValue
                    .builder().value(v.value()).build()));
        }
        if (o.hasPhase1DHGroupNumbers()) {
            b.phase1DHGroupNumbers(map(o.phase1DHGroupNumbers(), v -> Phase1DHGroupNumbersListValue.builder()
                    .value(v.value()).build()));
        }
        if (o.hasPhase2DHGroupNumbers()) {
            b.phase2DHGroupNumbers(map(o.phase2DHGroupNumbers(), v -> Phase2DHGroupNumbersListValue.builder()
                    .value(v.value()).build()));
        }
        if (o.hasIkeVersions()) {
            b.ikeVersions(map(o.ikeVersions(), v -> IKEVersionsListValue.builder().value(v.value()).build()));
        }
        return b.build();
    }

    /** The options a ModifyVpnTunnelOptions specification sets (the same fields as at creation). */
    static TunnelOption of(ModifyVpnTunnelOptionsSpecification o) {
        VpnTunnelOptionsSpecification.Builder b = VpnTunnelOptionsSpecification.builder()
                .tunnelInsideCidr(o.tunnelInsideCidr()).tunnelInsideIpv6Cidr(o.tunnelInsideIpv6Cidr())
                .preSharedKey(o.preSharedKey()).phase1LifetimeSeconds(o.phase1LifetimeSeconds())
                .phase2LifetimeSeconds(o.phase2LifetimeSeconds()).rekeyMarginTimeSeconds(o.rekeyMarginTimeSeconds())
                .rekeyFuzzPercentage(o.rekeyFuzzPercentage()).replayWindowSize(o.replayWindowSize())
                .dpdTimeoutSeconds(o.dpdTimeoutSeconds()).dpdTimeoutAction(o.dpdTimeoutAction())
                .startupAction(o.startupAction()).enableTunnelLifecycleControl(o.enableTunnelLifecycleControl())
                .logOptions(o.logOptions());
        if (o.hasPhase1EncryptionAlgorithms()) {
            b.phase1EncryptionAlgorithms(o.phase1EncryptionAlgorithms());
        }
        if (o.hasPhase2EncryptionAlgorithms()) {
            b.phase2EncryptionAlgorithms(o.phase2EncryptionAlgorithms());
        }
        if (o.hasPhase1IntegrityAlgorithms()) {
            b.phase1IntegrityAlgorithms(o.phase1IntegrityAlgorithms());
        }
        if (o.hasPhase2IntegrityAlgorithms()) {
            b.phase2IntegrityAlgorithms(o.phase2IntegrityAlgorithms());
        }
        if (o.hasPhase1DHGroupNumbers()) {
            b.phase1DHGroupNumbers(o.phase1DHGroupNumbers());
        }
        if (o.hasPhase2DHGroupNumbers()) {
            b.phase2DHGroupNumbers(o.phase2DHGroupNumbers());
        }
        if (o.hasIkeVersions()) {
            b.ikeVersions(o.ikeVersions());
        }
        return of(b.build());
    }

    private static VpnTunnelLogOptions log(VpnTunnelLogOptionsSpecification o) {
        if (o == null || o.cloudWatchLogOptions() == null) {
            return null;
        }
        CloudWatchLogOptionsSpecification c = o.cloudWatchLogOptions();
        return VpnTunnelLogOptions.builder().cloudWatchLogOptions(CloudWatchLogOptions.builder()
                .logEnabled(c.logEnabled() != null && c.logEnabled()).logGroupArn(c.logGroupArn())
                .logOutputFormat(c.logEnabled() != null && c.logEnabled()
                        ? (c.logOutputFormat() == null ? "json" : c.logOutputFormat()) : null)
                .bgpLogEnabled(c.bgpLogEnabled() != null && c.bgpLogEnabled()).bgpLogGroupArn(c.bgpLogGroupArn())
                .bgpLogOutputFormat(c.bgpLogEnabled() != null && c.bgpLogEnabled()
                        ? (c.bgpLogOutputFormat() == null ? "json" : c.bgpLogOutputFormat()) : null)
                .build()).build();
    }

    /** {@code base} with every option {@code over} sets. */
    static TunnelOption merge(TunnelOption base, TunnelOption over) {
        TunnelOption.Builder b = base.toBuilder();
        if (over.tunnelInsideCidr() != null) {
            b.tunnelInsideCidr(over.tunnelInsideCidr());
        }
        if (over.tunnelInsideIpv6Cidr() != null) {
            b.tunnelInsideIpv6Cidr(over.tunnelInsideIpv6Cidr());
        }
        if (over.preSharedKey() != null) {
            b.preSharedKey(over.preSharedKey());
        }
        if (over.phase1LifetimeSeconds() != null) {
            b.phase1LifetimeSeconds(over.phase1LifetimeSeconds());
        }
        if (over.phase2LifetimeSeconds() != null) {
            b.phase2LifetimeSeconds(over.phase2LifetimeSeconds());
        }
        if (over.rekeyMarginTimeSeconds() != null) {
            b.rekeyMarginTimeSeconds(over.rekeyMarginTimeSeconds());
        }
        if (over.rekeyFuzzPercentage() != null) {
            b.rekeyFuzzPercentage(over.rekeyFuzzPercentage());
        }
        if (over.replayWindowSize() != null) {
            b.replayWindowSize(over.replayWindowSize());
        }
        if (over.dpdTimeoutSeconds() != null) {
            b.dpdTimeoutSeconds(over.dpdTimeoutSeconds());
        }
        if (over.dpdTimeoutAction() != null) {
            b.dpdTimeoutAction(over.dpdTimeoutAction());
        }
        if (over.startupAction() != null) {
            b.startupAction(over.startupAction());
        }
        if (over.enableTunnelLifecycleControl() != null) {
            b.enableTunnelLifecycleControl(over.enableTunnelLifecycleControl());
        }
        if (over.logOptions() != null) {
            b.logOptions(over.logOptions());
        }
        if (over.hasPhase1EncryptionAlgorithms()) {
            b.phase1EncryptionAlgorithms(over.phase1EncryptionAlgorithms());
        }
        if (over.hasPhase2EncryptionAlgorithms()) {
            b.phase2EncryptionAlgorithms(over.phase2EncryptionAlgorithms());
        }
        if (over.hasPhase1IntegrityAlgorithms()) {
            b.phase1IntegrityAlgorithms(over.phase1IntegrityAlgorithms());
        }
        if (over.hasPhase2IntegrityAlgorithms()) {
            b.phase2IntegrityAlgorithms(over.phase2IntegrityAlgorithms());
        }
        if (over.hasPhase1DHGroupNumbers()) {
            b.phase1DHGroupNumbers(over.phase1DHGroupNumbers());
        }
        if (over.hasPhase2DHGroupNumbers()) {
            b.phase2DHGroupNumbers(over.phase2DHGroupNumbers());
        }
        if (over.hasIkeVersions()) {
            b.ikeVersions(over.ikeVersions());
        }
        return b.build();
    }

    /** Checks the options a request sets, each against the API reference's constraint. */
    static void checkSet(TunnelOption o, boolean ipv6) {
        if (o.tunnelInsideCidr() != null) {
            if (ipv6) {
                throw Ec2Errors.combination("An ipv4 inside cidr is not allowed for VPNs using an ipv6 inside ip "
                        + "version");
            }
            insideCidr(o.tunnelInsideCidr());
        }
        if (o.tunnelInsideIpv6Cidr() != null) {
            if (!ipv6) {
                // AWS's wording, as reported by users of CreateVpnConnection.
                throw Ec2Errors.combination("An ipv6 inside cidr is not allowed for VPNs using an ipv4 inside ip "
                        + "version");
            }
            insideIpv6Cidr(o.tunnelInsideIpv6Cidr());
        }
        if (o.preSharedKey() != null && !PSK.matcher(o.preSharedKey()).matches()) {
            // AWS's wording, as reported by users of CreateVpnConnection.
            throw Ec2Errors.invalidParameterValue("Value for parameter PreSharedKey is invalid.");
        }
        range("Phase1LifetimeSeconds", o.phase1LifetimeSeconds(), 900, 28800);
        range("Phase2LifetimeSeconds", o.phase2LifetimeSeconds(), 900, 3600);
        range("RekeyFuzzPercentage", o.rekeyFuzzPercentage(), 0, 100);
        range("ReplayWindowSize", o.replayWindowSize(), 64, 2048);
        range("DPDTimeoutSeconds", o.dpdTimeoutSeconds(), 30, Integer.MAX_VALUE);
        if (o.rekeyMarginTimeSeconds() != null && o.rekeyMarginTimeSeconds() < 60) {
            throw outOfRange("RekeyMarginTimeSeconds", o.rekeyMarginTimeSeconds());
        }
        oneOf("DPDTimeoutAction", o.dpdTimeoutAction(), List.of("clear", "none", "restart"));
        oneOf("StartupAction", o.startupAction(), List.of("add", "start"));
        all("Phase1EncryptionAlgorithms", map(o.phase1EncryptionAlgorithms(), v -> v.value()), ENCRYPTION);
        all("Phase2EncryptionAlgorithms", map(o.phase2EncryptionAlgorithms(), v -> v.value()), ENCRYPTION);
        all("Phase1IntegrityAlgorithms", map(o.phase1IntegrityAlgorithms(), v -> v.value()), INTEGRITY);
        all("Phase2IntegrityAlgorithms", map(o.phase2IntegrityAlgorithms(), v -> v.value()), INTEGRITY);
        all("Phase1DHGroupNumbers", map(o.phase1DHGroupNumbers(), v -> v.value()), PHASE1_DH);
        all("Phase2DHGroupNumbers", map(o.phase2DHGroupNumbers(), v -> v.value()), PHASE2_DH);
        all("IKEVersions", map(o.ikeVersions(), v -> v.value()), IKE);
        if (o.logOptions() != null && o.logOptions().cloudWatchLogOptions() != null) {
            CloudWatchLogOptions c = o.logOptions().cloudWatchLogOptions();
            oneOf("LogOutputFormat", c.logOutputFormat(), List.of("json", "text"));
            oneOf("BgpLogOutputFormat", c.bgpLogOutputFormat(), List.of("json", "text"));
        }
    }

    /** The rules between options, checked on the tunnel's options once the request's are laid over them. */
    static void checkCombined(TunnelOption o) {
        if (o.phase2LifetimeSeconds() >= o.phase1LifetimeSeconds()) {
            throw Ec2Errors.invalidParameterValue("Phase2LifetimeSeconds (" + o.phase2LifetimeSeconds()
                    + ") must be less than Phase1LifetimeSeconds (" + o.phase1LifetimeSeconds() + ").");
        }
        if (o.rekeyMarginTimeSeconds() > o.phase2LifetimeSeconds() / 2) {
            throw Ec2Errors.invalidParameterValue("RekeyMarginTimeSeconds (" + o.rekeyMarginTimeSeconds()
                    + ") must be between 60 and half of Phase2LifetimeSeconds (" + o.phase2LifetimeSeconds() + ").");
        }
    }

    /** A /30 inside 169.254.0.0/16 that is not one of the reserved blocks. */
    static Cidr insideCidr(String text) {
        Cidr c = Cidr.tryParse(text);
        if (c == null || c.prefix() != 30 || !LINK_LOCAL.contains(c)) {
            throw Ec2Errors.invalidParameterValue("The tunnel inside CIDR " + text
                    + " is not valid: it must be a size /30 CIDR block from the 169.254.0.0/16 range.");
        }
        if (RESERVED.contains(c.toString())) {
            throw Ec2Errors.invalidParameterValue("The tunnel inside CIDR " + text + " is reserved and cannot be "
                    + "used.");
        }
        return c;
    }

    /** A /126 inside fd00::/8. */
    static Ipv6.Block insideIpv6Cidr(String text) {
        Ipv6.Block b;
        try {
            b = Ipv6.parse(text);
        } catch (IllegalArgumentException e) {
            b = null;
        }
        if (b == null || b.prefix() != 126 || !ULA.contains(b)) {
            throw Ec2Errors.invalidParameterValue("The tunnel inside IPv6 CIDR " + text
                    + " is not valid: it must be a size /126 CIDR block from the local fd00::/8 range.");
        }
        return b;
    }

    private static void range(String name, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            throw outOfRange(name, value);
        }
    }

    private static RuntimeException outOfRange(String name, Object value) {
        return Ec2Errors.invalidValue(String.valueOf(value), name, "The value is out of the allowed range.");
    }

    private static void oneOf(String name, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw Ec2Errors.invalidValue(value, name, "Valid values are " + String.join(" | ", allowed) + ".");
        }
    }

    private static <T> void all(String name, List<T> values, List<T> allowed) {
        for (T v : values) {
            if (!allowed.contains(v)) {
                throw Ec2Errors.invalidValue(String.valueOf(v), name, "Valid values are "
                        + String.join(" | ", map(allowed, String::valueOf)) + ".");
            }
        }
    }

    /** The tunnel's inside addresses: AWS's end is the block's first usable address, the customer's the second. */
    static List<String> insideAddresses(String cidr) {
        Cidr c = Cidr.parse(cidr);
        List<String> out = new ArrayList<>();
        out.add(Cidr.formatAddress(c.address(1)));
        out.add(Cidr.formatAddress(c.address(2)));
        return out;
    }
}
