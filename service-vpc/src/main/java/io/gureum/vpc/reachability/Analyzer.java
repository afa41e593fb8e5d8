package io.gureum.vpc.reachability;

import static io.gureum.vpc.reachability.Explain.code;

import io.gureum.vpc.VpcStore;
import io.gureum.vpc.model.NetworkInsightsPath;
import io.gureum.vpc.model.PrefixList;
import io.gureum.vpc.model.VpcEndpoint;
import io.gureum.vpc.model.VpcPeeringConnection;
import io.gureum.vpc.net.Cidr;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AnalysisComponent;
import software.amazon.awssdk.services.ec2.model.Explanation;
import software.amazon.awssdk.services.ec2.model.PathComponent;
import software.amazon.awssdk.services.ec2.model.PathFilter;

/** Analyzes one path on the current network: the forward walk, the return walk and the path filters. */
public final class Analyzer {
    /** What StartNetworkInsightsAnalysis reports once the analysis has run. */
    public record Result(boolean found, List<PathComponent> forward, List<PathComponent> returnPath,
            List<Explanation> explanations) {
        static Result notFound(Explanation e) {
            return new Result(false, List.of(), List.of(), List.of(e));
        }
    }

    private final NetworkState net;
    private final VpcStore store;
    private final Endpoints endpoints;
    private final Components comps;

    public Analyzer(NetworkState net) {
        this.net = net;
        this.store = net.store();
        this.endpoints = new Endpoints(net.endpointStore());
        this.comps = new Components(net);
    }

    public Result analyze(NetworkInsightsPath path, List<String> filterInArns) {
        Endpoint src = endpoints.resolve(path.source);
        Endpoint dst = path.destination != null ? endpoints.resolve(path.destination)
                : path.destinationIp != null ? endpoints.address(path.destinationIp) : null;
        if (src != null && !traversable(src)) {
            // The source's account is neither the path's own nor one of the analysis' AdditionalAccounts.
            src = null;
        }
        if (src == null || dst == null) {
            String missing = src == null ? path.source : path.destination;
            return Result.notFound(code(Explain.NO_SOURCE_OR_DESTINATION)
                    .missingComponent(missing == null ? null : Endpoints.idOf(missing)).build());
        }
        Header h = header(path, src, dst);
        if (src.kind().equals("igw") && h.source().prefix() > 0 && isPrivate(h.source())) {
            return Result.notFound(code(Explain.IGW_EXPECTS_PUBLIC_ADDRESS).component(comps.of(src.resource()))
                    .address(Header.text(h.source())).build());
        }
        ForwardWalk fw = new ForwardWalk(net, dst);
        try {
            switch (src.kind()) {
                case "eni" -> fw.fromInterface(src, h);
                case "igw" -> fw.fromInternet((io.gureum.vpc.model.InternetGateway) src.resource(), h);
                default -> throw Explain.blocked(code(Explain.UNSUPPORTED_COMPONENT).component(comps.of(src.resource())));
            }
        } catch (Blocked b) {
            return Result.notFound(b.explanation);
        } catch (ForwardWalk.Arrived done) {
            // the destination was a gateway on the way
        }
        Header delivered = fw.delivered();
        Explanation filtered = filterAtDestination(path.filterAtDestination, delivered);
        if (filtered != null) {
            return Result.notFound(filtered);
        }
        ReturnWalk rw = new ReturnWalk(net);
        try {
            rw.walk(fw.segments, componentOf(dst), componentOf(src), delivered);
        } catch (Blocked b) {
            return Result.notFound(b.explanation);
        }
        List<String> traversed = fw.trace.componentIds();
        for (String arn : filterInArns) {
            String id = Endpoints.idOf(arn);
            if (!traversed.contains(id)) {
                return Result.notFound(code(Explain.COMPONENT_FILTER_RESTRICTION)
                        .component(AnalysisComponent.builder().id(id).arn(arn).build()).build());
            }
        }
        return new Result(true, fw.trace.build(), rw.trace.build(), List.of());
    }

    private boolean traversable(Endpoint e) {
        String id = e.eni() != null ? e.eni().id : e.resource() != null ? e.resource().id : null;
        return id == null || net.traversable(id);
    }

    private AnalysisComponent componentOf(Endpoint e) {
        if (e.id().startsWith("i-")) {
            return comps.ofId(e.id(), "instance");
        }
        return e.resource() != null ? comps.of(e.resource()) : AnalysisComponent.builder().id(e.id()).build();
    }

    /** The packets the path describes, before any rule narrows them. */
    private Header header(NetworkInsightsPath path, Endpoint src, Endpoint dst) {
        PathFilter fs = path.filterAtSource;
        String srcIp = path.sourceIp != null ? path.sourceIp : fs != null ? fs.sourceAddress() : null;
        String dstIp = path.destinationIp != null ? path.destinationIp : fs != null ? fs.destinationAddress() : null;
        Cidr source = srcIp != null ? Header.host(srcIp) : src.address() != null ? Header.host(src.address()) : Header.ANYWHERE;
        Cidr destination = dstIp != null ? Header.host(dstIp) : defaultDestination(src, dst);
        PortRange dstPorts = path.destinationPort != null ? new PortRange(path.destinationPort, path.destinationPort)
                : fs != null && fs.destinationPortRange() != null
                        ? PortRange.of(fs.destinationPortRange().fromPort(), fs.destinationPortRange().toPort())
                        : PortRange.ALL;
        PortRange srcPorts = fs != null && fs.sourcePortRange() != null
                ? PortRange.of(fs.sourcePortRange().fromPort(), fs.sourcePortRange().toPort())
                : PortRange.EPHEMERAL;
        return new Header(path.protocol, source, destination, srcPorts, dstPorts);
    }

    private Cidr defaultDestination(Endpoint src, Endpoint dst) {
        if (dst.address() != null) {
            return Header.host(dst.address());
        }
        if (dst.resource() instanceof VpcEndpoint e) {
            PrefixList pl = store.prefixLists.values().stream().filter(p -> p.awsManaged && p.name.equals(e.serviceName))
                    .findFirst().orElse(null);
            if (pl != null && !pl.cidrs.isEmpty()) {
                return Cidr.parse(pl.cidrs.get(0));
            }
        }
        if (dst.resource() instanceof VpcPeeringConnection p && src.eni() != null) {
            String peer = src.eni().vpcId.equals(p.requesterVpcId) ? p.accepterVpcId : p.requesterVpcId;
            var vpc = store.vpcs.get(peer);
            if (vpc != null) {
                return vpc.primaryCidr;
            }
        }
        return Header.ANYWHERE;
    }

    private Explanation filterAtDestination(PathFilter fd, Header h) {
        if (fd == null || h == null) {
            return null;
        }
        if (fd.sourceAddress() != null && Header.intersect(Header.host(fd.sourceAddress()), h.source()) == null) {
            return code(Explain.FILTER_AT_DESTINATION_SOURCE_ADDRESS).address(fd.sourceAddress()).build();
        }
        if (fd.destinationPortRange() != null && h.destinationPorts().intersect(
                PortRange.of(fd.destinationPortRange().fromPort(), fd.destinationPortRange().toPort())) == null) {
            return code(Explain.FILTER_AT_DESTINATION_DESTINATION_PORT_RANGE).build();
        }
        return null;
    }

    private static boolean isPrivate(Cidr c) {
        return Cidr.parse("10.0.0.0/8").contains(c) || Cidr.parse("172.16.0.0/12").contains(c)
                || Cidr.parse("192.168.0.0/16").contains(c);
    }
}
