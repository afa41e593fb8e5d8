package io.gureum.vpc.reachability;

import io.gureum.vpc.VpcStore;
import io.gureum.vpc.model.InternetGateway;
import io.gureum.vpc.model.NetworkInsightsPath;
import io.gureum.vpc.model.NetworkInterface;
import io.gureum.vpc.net.Cidr;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ec2.model.AccessScopeAnalysisFinding;
import software.amazon.awssdk.services.ec2.model.AccessScopePath;
import software.amazon.awssdk.services.ec2.model.PacketHeaderStatement;
import software.amazon.awssdk.services.ec2.model.PathStatement;
import software.amazon.awssdk.services.ec2.model.ResourceStatement;

/**
 * Network Access Analyzer on the same engine: every pair of candidate endpoints (interfaces, and
 * internet gateways as the internet) that a MatchPaths entry selects is analyzed like a Reachability
 * Analyzer path; a finding is a reachable pair that no ExcludePaths entry selects
 * (https://docs.aws.amazon.com/vpc/latest/network-access-analyzer/how-network-access-analyzer-works.html).
 */
public final class AccessScopeAnalyzer {
    /** The findings and how many interfaces were considered. */
    public record Result(List<AccessScopeAnalysisFinding> findings, int analyzedEniCount) {
    }

    private final NetworkState net;
    private final VpcStore store;
    private final Endpoints endpoints;

    public AccessScopeAnalyzer(NetworkState net) {
        this.net = net;
        this.store = net.store();
        this.endpoints = new Endpoints(store);
    }

    public Result analyze(List<AccessScopePath> match, List<AccessScopePath> exclude, String analysisId, String scopeId,
            Supplier<String> findingIds) {
        List<Endpoint> candidates = new ArrayList<>();
        for (NetworkInterface e : store.networkInterfaces.values()) {
            candidates.add(endpoints.resolve(e.id));
        }
        for (InternetGateway igw : store.internetGateways.values()) {
            if (igw.attachedVpcId != null) {
                candidates.add(endpoints.resolve(igw.id));
            }
        }
        List<AccessScopeAnalysisFinding> findings = new ArrayList<>();
        for (AccessScopePath m : match) {
            for (Endpoint src : candidates) {
                if (!selects(m.source(), src, true)) {
                    continue;
                }
                for (Endpoint dst : candidates) {
                    if (src == dst || dst.kind().equals("igw") && src.kind().equals("igw")
                            || !selects(m.destination(), dst, false)) {
                        continue;
                    }
                    if (exclude.stream().anyMatch(x -> selects(x.source(), src, true) && selects(x.destination(), dst, false))) {
                        continue;
                    }
                    Analyzer.Result r = new Analyzer(net).analyze(path(src, dst, m), List.of());
                    if (r.found()) {
                        findings.add(AccessScopeAnalysisFinding.builder().networkInsightsAccessScopeAnalysisId(analysisId)
                                .networkInsightsAccessScopeId(scopeId).findingId(findingIds.get())
                                .findingComponents(r.forward()).build());
                    }
                }
            }
        }
        return new Result(findings, store.networkInterfaces.size());
    }

    private NetworkInsightsPath path(Endpoint src, Endpoint dst, AccessScopePath m) {
        NetworkInsightsPath p = new NetworkInsightsPath("nip-scope", store.account, Instant.EPOCH);
        p.source = src.id();
        p.destination = dst.id();
        PacketHeaderStatement h = m.destination() == null ? null : m.destination().packetHeaderStatement();
        PacketHeaderStatement hs = m.source() == null ? null : m.source().packetHeaderStatement();
        p.protocol = "tcp";
        for (PacketHeaderStatement st : new PacketHeaderStatement[] {hs, h}) {
            if (st != null && st.hasProtocols() && !st.protocols().isEmpty()) {
                p.protocol = st.protocolsAsStrings().get(0);
            }
            if (st != null && st.hasDestinationPorts() && st.destinationPorts().size() == 1
                    && st.destinationPorts().get(0).matches("\\d+")) {
                p.destinationPort = Integer.valueOf(st.destinationPorts().get(0));
            }
        }
        return p;
    }

    /** Whether a path statement (absent: anything) selects the endpoint as a source or destination. */
    private boolean selects(PathStatement st, Endpoint e, boolean source) {
        if (st == null) {
            return true;
        }
        ResourceStatement rs = st.resourceStatement();
        if (rs != null) {
            if (rs.hasResources() && !rs.resources().isEmpty() && rs.resources().stream().map(Endpoints::idOf)
                    .noneMatch(id -> names(e, id))) {
                return false;
            }
            if (rs.hasResourceTypes() && !rs.resourceTypes().isEmpty()
                    && rs.resourceTypes().stream().noneMatch(t -> typeOf(e, t))) {
                return false;
            }
        }
        PacketHeaderStatement ph = st.packetHeaderStatement();
        if (ph != null && e.address() != null) {
            List<String> blocks = source ? ph.sourceAddresses() : ph.destinationAddresses();
            if (ph.hasSourceAddresses() && source || ph.hasDestinationAddresses() && !source) {
                if (!blocks.isEmpty() && blocks.stream().map(Cidr::tryParse)
                        .noneMatch(c -> c != null && c.contains(Header.host(e.address())))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean names(Endpoint e, String id) {
        if (e.id().equals(id)) {
            return true;
        }
        NetworkInterface eni = e.eni();
        return eni != null && (id.equals(eni.attachedInstanceId) || id.equals(eni.subnetId) || id.equals(eni.vpcId)
                || eni.groupIds.contains(id));
    }

    private static boolean typeOf(Endpoint e, String type) {
        return switch (type) {
            case "AWS::EC2::InternetGateway" -> e.kind().equals("igw");
            case "AWS::EC2::NetworkInterface" -> e.eni() != null;
            case "AWS::EC2::Instance" -> e.eni() != null && e.eni().attachedInstanceId != null;
            default -> false;
        };
    }
}
