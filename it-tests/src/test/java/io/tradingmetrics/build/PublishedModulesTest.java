package io.tradingmetrics.build;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The BOM an app imports lists exactly the modules we publish (every module of the build but those that set
 * {@code maven.deploy.skip}), at the build's version, so that a new module cannot be forgotten in it.
 */
class PublishedModulesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theBomListsEveryPublishedModuleAtTheBuildsVersion() throws Exception {
        Element parent = read(ROOT.resolve("pom.xml"));
        String version = child(parent, "version").getTextContent();
        List<String> published = new ArrayList<>();
        for (Element module : children(child(parent, "modules"), "module")) {
            Element pom = read(ROOT.resolve(module.getTextContent()).resolve("pom.xml"));
            Element properties = child(pom, "properties");
            boolean skipped = properties != null && child(properties, "maven.deploy.skip") != null
                    && child(properties, "maven.deploy.skip").getTextContent().equals("true");
            String artifactId = child(pom, "artifactId").getTextContent();
            if (!skipped && !artifactId.equals("trading-metrics-bom")) {
                published.add(artifactId);
            }
        }
        Element bom = read(ROOT.resolve("bom/pom.xml"));
        List<String> managed = new ArrayList<>();
        for (Element dependency : children(child(child(bom, "dependencyManagement"), "dependencies"), "dependency")) {
            assertThat(child(dependency, "groupId").getTextContent()).isEqualTo("io.tradingmetrics");
            managed.add(child(dependency, "artifactId").getTextContent());
        }

        assertThat(child(bom, "version").getTextContent()).as("the BOM's version").isEqualTo(version);
        assertThat(managed).as("the modules the BOM manages").containsExactlyInAnyOrderElementsOf(published);
        assertThat(published).contains("trading-metrics-storage-api", "trading-metrics-config")
                .doesNotContain("trading-metrics-it-tests", "trading-metrics-benchmarks");
    }

    private static Element read(Path pom) throws Exception {
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        return document.getDocumentElement();
    }

    /** @return the first child element of that name, or null */
    private static Element child(Element element, String name) {
        List<Element> found = children(element, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element element, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = element.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE && nodes.item(i).getNodeName().equals(name)) {
                found.add((Element) nodes.item(i));
            }
        }
        return found;
    }
}
