package io.jakartio.chat.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.tomcat.util.IntrospectionUtils;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The cluster flavour's {@code META-INF/context.xml} ({@code mvn package -Pcluster}): the Tomcat
 * flavour's, with the chat's {@code jdbc/chat} on the PostgreSQL that
 * {@code docker/compose.cluster.yaml} runs, or on the one system properties name, as Tomcat
 * reads them ({@code ${name:-default}}, replaced by Tomcat's own {@link IntrospectionUtils}).
 */
class TomcatClusterFlavourTest {

    private static final Path TOMCAT_CONTEXT = Path.of("src/main/tomcat/META-INF/context.xml");
    private static final Path CLUSTER_CONTEXT = Path.of("src/main/tomcat-cluster/META-INF/context.xml");
    private static final Path CLUSTER_COMPOSE = Path.of("docker/compose.cluster.yaml");
    private static final String CHAT_DATA_SOURCE = "jdbc/chat";

    @Test
    void theClusterContextIsTheTomcatFlavoursWithTheChatsDatabaseOnPostgresql() throws Exception {
        assertEquals(withoutChatDataSource(elements(TOMCAT_CONTEXT)), withoutChatDataSource(elements(CLUSTER_CONTEXT)),
                "the BeanManager and Weld's parameters, as the Tomcat flavour has them");

        Map<String, String> chat = chatDataSource();
        assertEquals("javax.sql.DataSource", chat.get("type"));
        assertEquals("Container", chat.get("auth"));
        assertEquals("org.postgresql.Driver", chat.get("driverClassName"));
    }

    @Test
    void byDefaultTheChatUsesThePostgresServiceOfTheClusterCompose() throws Exception {
        String compose = Files.readString(CLUSTER_COMPOSE);
        assertTrue(compose.contains("\n  postgres:\n"), "a service named postgres");

        Map<String, String> chat = resolved(new Hashtable<>());
        assertEquals("jdbc:postgresql://postgres:5432/" + composeValue(compose, "POSTGRES_DB"), chat.get("url"));
        assertEquals(composeValue(compose, "POSTGRES_USER"), chat.get("username"));
        assertEquals(composeValue(compose, "POSTGRES_PASSWORD"), chat.get("password"));
    }

    @Test
    void systemPropertiesPointTheChatAtAnotherDatabase() throws Exception {
        Hashtable<Object, Object> properties = new Hashtable<>();
        properties.put("jakartio.chat.jdbc.url", "jdbc:postgresql://db.internal:5432/chat");
        properties.put("jakartio.chat.jdbc.user", "chat_app");
        properties.put("jakartio.chat.jdbc.password", "s3cret");

        Map<String, String> chat = resolved(properties);

        assertEquals("jdbc:postgresql://db.internal:5432/chat", chat.get("url"));
        assertEquals("chat_app", chat.get("username"));
        assertEquals("s3cret", chat.get("password"));
    }

    /** @return the chat's DataSource attributes with {@code ${...}} replaced as Tomcat does, from {@code properties} */
    private static Map<String, String> resolved(Hashtable<Object, Object> properties) throws Exception {
        Map<String, String> resolved = new TreeMap<>();
        chatDataSource().forEach((name, value) -> resolved.put(name,
                IntrospectionUtils.replaceProperties(value, properties, null, TomcatClusterFlavourTest.class.getClassLoader())));
        return resolved;
    }

    private static Map<String, String> chatDataSource() throws Exception {
        Map<String, String> chat = elements(CLUSTER_CONTEXT).stream()
                .filter(element -> CHAT_DATA_SOURCE.equals(element.attributes().get("name")))
                .map(ContextElement::attributes).findFirst().orElse(null);
        assertNotNull(chat, CLUSTER_CONTEXT + " declares " + CHAT_DATA_SOURCE);
        return chat;
    }

    private static String composeValue(String compose, String key) {
        Matcher matcher = Pattern.compile("\n\\s+" + key + ": (\\S+)\n").matcher(compose);
        assertTrue(matcher.find(), () -> CLUSTER_COMPOSE + " sets " + key);
        return matcher.group(1);
    }

    private static List<ContextElement> withoutChatDataSource(List<ContextElement> elements) {
        return elements.stream().filter(element -> !CHAT_DATA_SOURCE.equals(element.attributes().get("name"))).toList();
    }

    /** @return the {@code <Context>}'s child elements, with their attributes as written */
    private static List<ContextElement> elements(Path file) throws Exception {
        Element context;
        try {
            context = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()).getDocumentElement();
        } catch (IOException e) {
            throw new IOException("cannot read " + file, e);
        }
        assertEquals("Context", context.getTagName());
        List<ContextElement> elements = new ArrayList<>();
        NodeList children = context.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element element) {
                Map<String, String> attributes = new TreeMap<>();
                NamedNodeMap all = element.getAttributes();
                for (int j = 0; j < all.getLength(); j++) {
                    Node attribute = all.item(j);
                    attributes.put(attribute.getNodeName(), attribute.getNodeValue());
                }
                elements.add(new ContextElement(element.getTagName(), attributes));
            }
        }
        return elements;
    }

    private record ContextElement(String tag, Map<String, String> attributes) {
    }
}
