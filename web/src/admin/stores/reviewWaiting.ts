// How many votes wait for review (选票审核), for the badge in the menu. The review page sets it
// whenever it loads the queue; the layout asks once per campaign.
import { ref } from 'vue';
import { getReviewQueue } from '../api/review';

export const reviewWaiting = ref(0);

export async function refreshReviewWaiting(campaignId: number | null | undefined): Promise<void> {
  if (!campaignId) return;
  try {
    reviewWaiting.value = (await getReviewQueue(campaignId)).waiting;
  } catch {
    // Only a hint: the page itself says what went wrong.
  }
}
