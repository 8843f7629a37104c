// The signed-in staff member, their CSRF token, and the campaign the console works on.
// The token lives only in memory: after a reload GET /auth/me hands out a fresh one.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Campaign, CampaignSummary } from '../../api/types';
import * as api from '../api/endpoints';
import { AdminApiError } from '../api/http';
import type { Session, User } from '../api/types';
import { districtScope } from '../domain/roles';
import { isCorrectionPhase } from '../domain/settings';

const CAMPAIGN_KEY = 'shuangshai.admin.campaign';

function rememberedCampaign(): number | null {
  try {
    const n = Number(localStorage.getItem(CAMPAIGN_KEY));
    return Number.isInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

export const useSessionStore = defineStore('admin-session', () => {
  const user = ref<User | null>(null);
  const csrfToken = ref<string | null>(null);
  const campaigns = ref<CampaignSummary[]>([]);
  const campaignId = ref<number | null>(null);
  const campaign = ref<Campaign | null>(null);
  const campaignError = ref<string>('');

  const role = computed(() => user.value?.role ?? null);
  const scopeDistrict = computed(() => districtScope(user.value));
  /** The districts a filter offers: only their own to a district admin. */
  const scopeDistricts = computed(() => {
    const all = campaign.value?.districts ?? [];
    return scopeDistrict.value ? all.filter((d) => d.code === scopeDistrict.value) : all;
  });
  /** The current phase is later than 审核: roster changes need a reason. */
  const correction = computed(() => isCorrectionPhase(campaign.value?.phase?.key));
  const phaseName = computed(() => campaign.value?.phase?.name ?? '');

  function apply(session: Session) {
    const { csrf_token, ...signedIn } = session;
    user.value = signedIn;
    csrfToken.value = csrf_token;
  }

  function clear() {
    user.value = null;
    csrfToken.value = null;
  }

  /** Whether there is a session (GET /auth/me); false on 401, throws on other failures. */
  async function restore(): Promise<boolean> {
    try {
      apply(await api.me());
      return true;
    } catch (error) {
      if (error instanceof AdminApiError && error.status === 401) {
        clear();
        return false;
      }
      throw error;
    }
  }

  async function refreshCsrf(): Promise<string | null> {
    return (await restore()) ? csrfToken.value : null;
  }

  async function login(username: string, password: string) {
    apply(await api.login(username, password));
  }

  async function logout() {
    try {
      await api.logout();
    } finally {
      clear();
    }
  }

  async function loadCampaigns(): Promise<void> {
    campaignError.value = '';
    try {
      const { items } = await api.listCampaigns();
      campaigns.value = items;
      if (items.length === 0) {
        campaignId.value = null;
        campaign.value = null;
        campaignError.value = '目前还没有活动';
        return;
      }
      const wanted = campaignId.value ?? rememberedCampaign();
      const id = items.some((c) => c.id === wanted) ? (wanted as number) : items[0].id;
      await selectCampaign(id);
    } catch (error) {
      campaignError.value = error instanceof Error ? error.message : String(error);
    }
  }

  async function selectCampaign(id: number): Promise<void> {
    const loaded = await api.getCampaign(id);
    campaignId.value = id;
    campaign.value = loaded;
    try {
      localStorage.setItem(CAMPAIGN_KEY, String(id));
    } catch {
      // private mode
    }
  }

  async function reloadCampaign(): Promise<void> {
    if (campaignId.value !== null) campaign.value = await api.getCampaign(campaignId.value);
  }

  function applyCampaign(c: Campaign) {
    if (c.id === campaignId.value) campaign.value = c;
    const summary = campaigns.value.find((s) => s.id === c.id);
    if (summary) {
      summary.name = c.name;
      summary.phase = c.phase;
    }
  }

  return {
    user,
    csrfToken,
    campaigns,
    campaignId,
    campaign,
    campaignError,
    role,
    scopeDistrict,
    scopeDistricts,
    correction,
    phaseName,
    apply,
    clear,
    restore,
    refreshCsrf,
    login,
    logout,
    loadCampaigns,
    selectCampaign,
    reloadCampaign,
    applyCampaign,
  };
});
