import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { router } from './router';
import { registerVant } from './vant';
import './styles/theme.css';

const app = createApp(App);
app.use(createPinia());
app.use(router);
registerVant(app);
app.mount('#app');
