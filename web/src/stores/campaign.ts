// Campaigns read from the API, kept for the session: every public page needs the campaign
// (its name, groups and districts), and it changes rarely.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { ApiError, getCampaign, listCampaigns } from '../api/client';
import type { Campaign } from '../api/types';

export const useCampaignStore = defineStore('campaign', () => {
  const byId = ref<Record<number, Campaign>>({});
  const firstId = ref<number | null>(null);

  async function load(id: number, force = false): Promise<Campaign> {
    const cached = byId.value[id];
    if (cached && !force) return cached;
    const campaign = await getCampaign(id);
    byId.value[id] = campaign;
    return campaign;
  }

  /** The campaign the home page shows when the address names none: the first one listed. */
  async function loadFirstId(): Promise<number> {
    if (firstId.value !== null) return firstId.value;
    const { items } = await listCampaigns();
    if (items.length === 0) throw new ApiError('no_campaign', '目前还没有正在进行的活动', 404);
    firstId.value = items[0].id;
    return items[0].id;
  }

  return { byId, load, loadFirstId };
});
