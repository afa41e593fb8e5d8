package io.gureum.vpc;

import io.gureum.vpc.model.VpnConnection;
import java.io.StringWriter;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import software.amazon.awssdk.services.ec2.model.TunnelOption;

/**
 * The {@code CustomerGatewayConfiguration} of a VPN connection: the "native XML format" CreateVpnConnection
 * returns (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpnConnection.html), laid out like AWS's
 * generic configuration as AWS returns it (a {@code vpn_connection} with one {@code ipsec_tunnel} per tunnel: both
 * ends' outside and inside addresses, BGP unless the connection uses static routes only, IKE and IPsec settings),
 * indented by two spaces under AWS's XML declaration. It is made
 * from the stored tunnel data alone, so the same connection always gives the same document; built with the JDK's
 * DOM writer, so every value is escaped.
 */
final class VpnConfiguration {
    private VpnConfiguration() {
    }

    static String of(VpnConnection c, String customerGatewayIp, String customerAsn, long amazonAsn) {
        try {
            Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
            Element root = d.createElement("vpn_connection");
            root.setAttribute("id", c.id);
            d.appendChild(root);
            text(d, root, "customer_gateway_id", c.customerGatewayId);
            // Empty for a connection on a transit gateway.
            text(d, root, "vpn_gateway_id", c.vpnGatewayId);
            text(d, root, "vpn_connection_type", c.type);
            if (c.staticRoutesOnly) {
                // Absent for a BGP connection.
                text(d, root, "vpn_connection_attributes", "NoBGPVPNConnection");
            }
            for (TunnelOption t : c.tunnels) {
                Element tunnel = child(d, root, "ipsec_tunnel");
                List<String> inside = t.tunnelInsideCidr() == null ? null
                        : VpnTunnels.insideAddresses(t.tunnelInsideCidr());
                end(d, child(d, tunnel, "customer_gateway"), customerGatewayIp, inside == null ? null : inside.get(1),
                        c.staticRoutesOnly ? null : customerAsn);
                end(d, child(d, tunnel, "vpn_gateway"), t.outsideIpAddress(), inside == null ? null : inside.get(0),
                        c.staticRoutesOnly ? null : String.valueOf(amazonAsn));
                if (t.tunnelInsideIpv6Cidr() != null) {
                    text(d, tunnel, "tunnel_inside_ipv6_cidr", t.tunnelInsideIpv6Cidr());
                }
                Element ike = child(d, tunnel, "ike");
                text(d, ike, "authentication_protocol", "sha1");
                text(d, ike, "encryption_protocol", "aes-128-cbc");
                text(d, ike, "lifetime", String.valueOf(t.phase1LifetimeSeconds()));
                text(d, ike, "perfect_forward_secrecy", "group2");
                text(d, ike, "mode", "main");
                text(d, ike, "pre_shared_key", t.preSharedKey());
                Element ipsec = child(d, tunnel, "ipsec");
                text(d, ipsec, "protocol", "esp");
                text(d, ipsec, "authentication_protocol", "hmac-sha1-96");
                text(d, ipsec, "encryption_protocol", "aes-128-cbc");
                text(d, ipsec, "lifetime", String.valueOf(t.phase2LifetimeSeconds()));
                text(d, ipsec, "perfect_forward_secrecy", "group2");
                text(d, ipsec, "mode", "tunnel");
                text(d, ipsec, "clear_df_bit", "true");
                text(d, ipsec, "fragmentation_before_encryption", "true");
                text(d, ipsec, "tcp_mss_adjustment", "1379");
                Element dpd = child(d, ipsec, "dead_peer_detection");
                text(d, dpd, "interval", "10");
                text(d, dpd, "retries", "3");
            }
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(d), new StreamResult(out));
            // AWS's declaration, on a line of its own; the JDK's would add standalone="no".
            return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + out.toString().strip();
        } catch (ParserConfigurationException | TransformerException e) {
            throw new IllegalStateException("The JDK's XML writer failed", e);
        }
    }

    private static void end(Document d, Element e, String outside, String inside, String asn) {
        Element out = child(d, e, "tunnel_outside_address");
        text(d, out, "ip_address", outside);
        if (inside != null) {
            Element in = child(d, e, "tunnel_inside_address");
            text(d, in, "ip_address", inside);
            text(d, in, "network_mask", "255.255.255.252");
            text(d, in, "network_cidr", "30");
        }
        if (asn != null) {
            Element bgp = child(d, e, "bgp");
            text(d, bgp, "asn", asn);
            text(d, bgp, "hold_time", "30");
        }
    }

    private static Element child(Document d, Element parent, String name) {
        Element e = d.createElement(name);
        parent.appendChild(e);
        return e;
    }

    private static void text(Document d, Element parent, String name, String value) {
        Element e = child(d, parent, name);
        if (value != null) {
            e.setTextContent(value);
        }
    }
}
