// The Vant components the public pages use, registered once with their styles, so that only
// these end up in the bundle.
import type { App } from 'vue';
import { Button, Cell, CellGroup, Empty, Icon, List, Loading, NavBar, Popup, Search, Tag } from 'vant';
import 'vant/es/button/style/index';
import 'vant/es/cell/style/index';
import 'vant/es/cell-group/style/index';
import 'vant/es/empty/style/index';
import 'vant/es/icon/style/index';
import 'vant/es/list/style/index';
import 'vant/es/loading/style/index';
import 'vant/es/nav-bar/style/index';
import 'vant/es/popup/style/index';
import 'vant/es/search/style/index';
import 'vant/es/tag/style/index';

export function registerVant(app: App): void {
  for (const component of [Button, Cell, CellGroup, Empty, Icon, List, Loading, NavBar, Popup, Search, Tag]) {
    app.use(component);
  }
}
