import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.gui2.BugLeafNode;
import edu.umd.cs.findbugs.gui2.Driver;
import edu.umd.cs.findbugs.gui2.MainFrame;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import javax.swing.JTree;
import javax.swing.SwingUtilities;
import javax.swing.tree.TreePath;

/**
 * Drives the SpotBugs GUI (the same plugin loader and message rendering as the IDE plugins) for
 * scripts/screenshots.sh: loads a saved SpotBugs XML report with SessionGuard on the plugin list,
 * selects one finding per shot (pattern + a word of its message), and saves the window as PNG.
 *
 * Usage (java single-file source launch, SpotBugs on the class path):
 *   java -cp SPOTBUGS_CP scripts/GuiScreenshots.java sessionguard.jar report.xml OUT_DIR \
 *        NAME=PATTERN:text-in-message ...
 */
public class GuiScreenshots {
    private static boolean showsAFinding(JTree tree) throws Exception {
        AtomicReference<Boolean> found = new AtomicReference<>(false);
        SwingUtilities.invokeAndWait(() -> {
            for (int row = 0; row < tree.getRowCount(); row++) {
                if (tree.getPathForRow(row).getLastPathComponent() instanceof BugLeafNode) {
                    found.set(true);
                }
            }
        });
        return found.get();
    }

    /** A wide tree (the messages are its labels), the details pane readable below. */
    private static void layOut(java.awt.Container root) {
        for (java.awt.Component c : root.getComponents()) {
            if (c instanceof javax.swing.JSplitPane) {
                javax.swing.JSplitPane split = (javax.swing.JSplitPane) c;
                boolean holdsTree = contains(split.getLeftComponent(), JTree.class);
                if (split.getOrientation() == javax.swing.JSplitPane.HORIZONTAL_SPLIT) {
                    split.setDividerLocation(holdsTree ? 0.62 : 0.34);
                } else {
                    split.setDividerLocation(0.48);
                }
                split.validate();
            }
            if (c instanceof java.awt.Container) {
                layOut((java.awt.Container) c);
            }
        }
    }

    private static boolean contains(java.awt.Component c, Class<?> type) {
        if (type.isInstance(c)) {
            return true;
        }
        if (c instanceof java.awt.Container) {
            for (java.awt.Component child : ((java.awt.Container) c).getComponents()) {
                if (contains(child, type)) {
                    return true;
                }
            }
        }
        return false;
    }

    public static void main(String[] args) throws Exception {
        String plugin = args[0];
        String report = args[1];
        File outDir = new File(args[2]);
        Thread gui = new Thread(() -> {
            try {
                Driver.main(new String[] {"-pluginList", plugin, "-loadBugs", report});
            } catch (Exception e) {
                e.printStackTrace();
                System.exit(3);
            }
        });
        gui.start();
        MainFrame frame = null;
        for (int i = 0; i < 600 && frame == null; i++) {
            try {
                frame = MainFrame.getInstance();
            } catch (IllegalStateException notYet) {
                Thread.sleep(100);
            }
        }
        if (frame == null) {
            throw new IllegalStateException("the SpotBugs GUI did not start");
        }
        frame.waitUntilReady();
        MainFrame mainFrame = frame;
        // The report loads in the background; the GUI then rebuilds its tree and opens the first branch.
        for (int i = 0; i < 900 && !showsAFinding(mainFrame.getTree()); i++) {
            Thread.sleep(100);
        }
        if (!showsAFinding(mainFrame.getTree())) {
            throw new IllegalStateException("the SpotBugs GUI shows no finding of " + report);
        }
        Thread.sleep(1000);
        SwingUtilities.invokeAndWait(() -> {
            mainFrame.setExtendedState(java.awt.Frame.NORMAL);
            mainFrame.setBounds(0, 0, Integer.getInteger("width", 1400), Integer.getInteger("height", 900));
            mainFrame.validate();
            layOut(mainFrame);
        });
        Thread.sleep(500);
        Thread.sleep(1000L * Integer.getInteger("hold", 0)); // -Dhold=N: time to look at it (debugging)
        Robot robot = new Robot();
        for (int s = 3; s < args.length; s++) {
            String name = args[s].substring(0, args[s].indexOf('='));
            String pattern = args[s].substring(name.length() + 1, args[s].indexOf(':'));
            String text = args[s].substring(args[s].indexOf(':') + 1);
            JTree tree = mainFrame.getTree();
            for (int pass = 0; pass < 6; pass++) { // the tree model fills children in lazily
                SwingUtilities.invokeAndWait(() -> {
                    for (int row = tree.getRowCount() - 1; row >= 0; row--) {
                        tree.expandRow(row);
                    }
                });
                Thread.sleep(300);
            }
            AtomicReference<String> chosen = new AtomicReference<>();
            SwingUtilities.invokeAndWait(() -> {
                for (int row = 0; row < tree.getRowCount(); row++) {
                    TreePath path = tree.getPathForRow(row);
                    Object node = path.getLastPathComponent();
                    if (node instanceof BugLeafNode) {
                        BugInstance bug = ((BugLeafNode) node).getBug();
                        if (bug.getType().equals(pattern) && bug.getMessageWithoutPrefix().contains(text)) {
                            tree.setSelectionPath(path);
                            tree.scrollPathToVisible(path);
                            chosen.set(bug.getMessageWithoutPrefix());
                            return;
                        }
                    }
                }
            });
            if (chosen.get() == null) {
                for (int row = 0; row < tree.getRowCount(); row++) {
                    System.err.println("  tree row: " + tree.getPathForRow(row));
                }
                throw new IllegalStateException("no " + pattern + " finding mentioning " + text + " in the GUI tree");
            }
            Thread.sleep(2500); // details, summary and source panes fill in the background
            SwingUtilities.invokeAndWait(() -> { // scrollPathToVisible scrolled right: show the labels' start
                java.awt.Container pane = SwingUtilities.getAncestorOfClass(javax.swing.JScrollPane.class, tree);
                if (pane != null) {
                    ((javax.swing.JScrollPane) pane).getHorizontalScrollBar().setValue(0);
                }
            });
            Thread.sleep(300);
            Rectangle bounds = mainFrame.getBounds();
            BufferedImage shot = robot.createScreenCapture(bounds);
            File out = new File(outDir, name + ".png");
            ImageIO.write(shot, "png", out);
            System.out.println("screenshot " + out + ": " + chosen.get());
        }
        System.exit(0);
    }
}
