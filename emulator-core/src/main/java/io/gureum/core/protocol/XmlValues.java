package io.gureum.core.protocol;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.TimestampFormatTrait;
import software.amazon.awssdk.core.traits.XmlAttributeTrait;

/**
 * SDK model values as XML, in the shapes the query, EC2 and restXml protocols share: a non-flattened
 * list is {@code <Name><member>…</member></Name>} (EC2: {@code <nameSet><item>}), a flattened list repeats
 * its element, a map is {@code <entry><key/><value/></entry>}.
 */
public final class XmlValues {
    private static final ThreadLocal<DocumentBuilder> PARSER = ThreadLocal.withInitial(XmlValues::newParser);

    private XmlValues() {
    }

    private static DocumentBuilder newParser() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            f.setXIncludeAware(false);
            return f.newDocumentBuilder();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a document; throws IllegalArgumentException when it is not well-formed XML. */
    public static Element parse(byte[] xml) {
        try {
            DocumentBuilder parser = PARSER.get();
            parser.reset();
            parser.setErrorHandler(null);
            return parser.parse(new ByteArrayInputStream(xml)).getDocumentElement();
        } catch (Exception e) {
            throw new IllegalArgumentException("The XML you provided was not well-formed or did not validate against our published schema");
        }
    }

    // ---- writing -------------------------------------------------------------------------------

    /** Writes a structure's body members as child elements (response-side names). */
    public static void writeMembers(XmlWriter w, Object pojo, TimestampFormatTrait.Format tsDefault, boolean ec2) {
        writeMembers(w, pojo, tsDefault, ec2, QueryNaming.SDK);
    }

    /** As above, with the names {@code naming} gives (query-compatible services). */
    public static void writeMembers(XmlWriter w, Object pojo, TimestampFormatTrait.Format tsDefault, boolean ec2,
            QueryNaming naming) {
        Class<?> owner = QueryNaming.modelClassOf(pojo);
        for (SdkField<?> field : ((SdkPojo) pojo).sdkFields()) {
            if (field.location() != MarshallLocation.PAYLOAD || field.containsTrait(XmlAttributeTrait.class)) {
                continue;
            }
            Object value = Pojos.valueOf(field, pojo);
            if (value != null) {
                QueryNaming.Names names = naming.names(owner, field, true);
                writeField(w, field, names, value, tsDefault, ec2, naming);
            }
        }
    }

    static String name(SdkField<?> field) {
        String n = field.unmarshallLocationName();
        return n == null ? field.locationName() : n;
    }

    public static void writeField(XmlWriter w, SdkField<?> field, String name, Object value,
            TimestampFormatTrait.Format tsDefault, boolean ec2) {
        QueryNaming.Names sdk = QueryNaming.sdkNames(field, true);
        writeField(w, field, new QueryNaming.Names(name, sdk.flattened(), sdk.listMember(), sdk.mapKey(), sdk.mapValue()),
                value, tsDefault, ec2, QueryNaming.SDK);
    }

    private static void writeField(XmlWriter w, SdkField<?> field, QueryNaming.Names names, Object value,
            TimestampFormatTrait.Format tsDefault, boolean ec2, QueryNaming naming) {
        String name = names.name();
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.LIST) {
            ListTrait trait = field.getRequiredTrait(ListTrait.class);
            SdkField<?> member = trait.memberFieldInfo();
            if (names.flattened()) {
                // A flattened list repeats its own element name (S3 <Contents>, <CORSRule>); the SDK gives
                // the member the placeholder name "member", which is not a wire name here.
                String itemName = naming == QueryNaming.SDK ? flattenedName(name, member.unmarshallLocationName()) : name;
                for (Object item : (List<?>) value) {
                    writeField(w, member, item(itemName, member), item, tsDefault, ec2, naming);
                }
            } else {
                String memberName = names.listMember() != null ? names.listMember() : (ec2 ? "item" : "member");
                w.start(name);
                for (Object item : (List<?>) value) {
                    writeField(w, member, item(memberName, member), item, tsDefault, ec2, naming);
                }
                w.end(name);
            }
        } else if (type == MarshallingType.MAP) {
            MapTrait trait = field.getRequiredTrait(MapTrait.class);
            SdkField<?> valueField = trait.valueFieldInfo();
            boolean flattened = names.flattened();
            if (!flattened) {
                w.start(name);
            }
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                w.start(flattened ? name : "entry");
                w.element(names.mapKey(), String.valueOf(e.getKey()));
                if (e.getValue() != null) {
                    writeField(w, valueField, item(names.mapValue(), valueField), e.getValue(), tsDefault, ec2, naming);
                }
                w.end(flattened ? name : "entry");
            }
            if (!flattened) {
                w.end(name);
            }
        } else if (type == MarshallingType.SDK_POJO) {
            List<String> attrs = new ArrayList<>();
            for (SdkField<?> f : ((SdkPojo) value).sdkFields()) {
                if (f.containsTrait(XmlAttributeTrait.class)) {
                    Object v = Pojos.valueOf(f, value);
                    if (v != null) {
                        attrs.add(name(f));
                        attrs.add(String.valueOf(v));
                    }
                }
            }
            if (attrs.isEmpty()) {
                w.start(name);
            } else {
                if (attrs.stream().anyMatch(a -> a.startsWith("xsi:"))) {
                    attrs.add(0, "http://www.w3.org/2001/XMLSchema-instance");
                    attrs.add(0, "xmlns:xsi");
                }
                w.startWithAttributes(name, attrs.toArray(new String[0]));
            }
            writeMembers(w, value, tsDefault, ec2, naming);
            w.end(name);
        } else {
            w.element(name, Scalars.format(field, value, tsDefault));
        }
    }

    /** The names of a list item or map value: its element name, and the SDK's shape of what it holds. */
    private static QueryNaming.Names item(String name, SdkField<?> field) {
        QueryNaming.Names sdk = QueryNaming.sdkNames(field, true);
        return new QueryNaming.Names(name, sdk.flattened(), sdk.listMember(), sdk.mapKey(), sdk.mapValue());
    }

    /** Flattened list items carry the list's element name unless the member names itself. */
    private static String flattenedName(String listName, String itemName) {
        return itemName == null || itemName.isEmpty() || itemName.equals("member") ? listName : itemName;
    }

    // ---- reading -------------------------------------------------------------------------------

    /** Fills a builder from an element's children (request-side names). */
    public static void readMembers(Element element, SdkPojo builder) {
        for (SdkField<?> field : builder.sdkFields()) {
            if (field.location() != MarshallLocation.PAYLOAD) {
                continue;
            }
            if (field.containsTrait(XmlAttributeTrait.class)) {
                String attr = attribute(element, field.locationName());
                if (attr != null) {
                    Pojos.set(field, builder, Scalars.parse(field, attr, TimestampFormatTrait.Format.ISO_8601));
                }
                continue;
            }
            Object value = readField(element, field);
            if (value != null) {
                Pojos.set(field, builder, value);
            }
        }
    }

    private static String attribute(Element element, String name) {
        int colon = name.indexOf(':');
        String local = colon < 0 ? name : name.substring(colon + 1);
        for (int i = 0; i < element.getAttributes().getLength(); i++) {
            Node a = element.getAttributes().item(i);
            String an = a.getLocalName() != null ? a.getLocalName() : a.getNodeName();
            if (an.equals(local) || a.getNodeName().equals(name)) {
                return a.getNodeValue();
            }
        }
        return null;
    }

    private static Object readField(Element parent, SdkField<?> field) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.LIST) {
            ListTrait trait = field.getRequiredTrait(ListTrait.class);
            SdkField<?> member = trait.memberFieldInfo();
            List<Element> items;
            if (trait.isFlattened()) {
                items = children(parent, flattenedName(field.locationName(), member.locationName()));
                if (items.isEmpty()) {
                    return null;
                }
            } else {
                Element list = child(parent, field.locationName());
                if (list == null) {
                    return null;
                }
                String memberName = trait.memberLocationName() != null ? trait.memberLocationName() : "member";
                items = children(list, memberName);
            }
            List<Object> out = new ArrayList<>(items.size());
            for (Element item : items) {
                out.add(readValue(item, member));
            }
            return out;
        } else if (type == MarshallingType.MAP) {
            MapTrait trait = field.getRequiredTrait(MapTrait.class);
            List<Element> entries;
            if (trait.isFlattened()) {
                entries = children(parent, field.locationName());
            } else {
                Element map = child(parent, field.locationName());
                if (map == null) {
                    return null;
                }
                entries = children(map, "entry");
            }
            if (entries.isEmpty() && !trait.isFlattened()) {
                return new LinkedHashMap<>();
            } else if (entries.isEmpty()) {
                return null;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (Element entry : entries) {
                Element k = child(entry, trait.keyLocationName());
                Element v = child(entry, trait.valueLocationName());
                if (k != null) {
                    out.put(k.getTextContent(), v == null ? null : readValue(v, trait.valueFieldInfo()));
                }
            }
            return out;
        }
        Element child = child(parent, field.locationName());
        return child == null ? null : readValue(child, field);
    }

    static Object readValue(Element element, SdkField<?> field) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            SdkPojo nested = Pojos.newBuilder(field);
            readMembers(element, nested);
            return Pojos.build(nested);
        } else if (type == MarshallingType.LIST) {
            // A list directly inside a list: the element is the inner list itself.
            ListTrait trait = field.getRequiredTrait(ListTrait.class);
            String memberName = trait.memberLocationName() != null ? trait.memberLocationName() : "member";
            List<Object> out = new ArrayList<>();
            for (Element item : children(element, memberName)) {
                out.add(readValue(item, trait.memberFieldInfo()));
            }
            return out;
        } else if (type == MarshallingType.MAP) {
            MapTrait trait = field.getRequiredTrait(MapTrait.class);
            Map<String, Object> out = new LinkedHashMap<>();
            for (Element entry : children(element, "entry")) {
                Element k = child(entry, trait.keyLocationName());
                Element v = child(entry, trait.valueLocationName());
                if (k != null) {
                    out.put(k.getTextContent(), v == null ? null : readValue(v, trait.valueFieldInfo()));
                }
            }
            return out;
        }
        return Scalars.parse(field, element.getTextContent(), TimestampFormatTrait.Format.ISO_8601);
    }

    public static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName(e).equals(name)) {
                return e;
            }
        }
        return null;
    }

    public static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName(e).equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    public static String localName(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getNodeName();
    }
}
